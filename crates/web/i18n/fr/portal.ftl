site-name = MyINPS
