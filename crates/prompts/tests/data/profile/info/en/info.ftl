info-naspi = NASpI is the monthly unemployment benefit.
