info-naspi = NASpI to miesięczny zasiłek dla bezrobotnych.
