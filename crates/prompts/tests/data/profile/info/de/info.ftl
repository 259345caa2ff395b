info-naspi = Die NASpI ist die monatliche Arbeitslosenleistung.
