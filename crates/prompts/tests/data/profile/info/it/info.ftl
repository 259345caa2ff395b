info-naspi = La NASpI è l’indennità mensile di disoccupazione.
