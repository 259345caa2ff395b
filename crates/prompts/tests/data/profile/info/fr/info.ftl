info-naspi = La NASpI est l’allocation chômage mensuelle.
