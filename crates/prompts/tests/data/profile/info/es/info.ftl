info-naspi = La NASpI es la prestación mensual por desempleo.
