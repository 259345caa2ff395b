-- The key sequence of each citizen's tax code on a telephone keypad (2 = ABC … 9 = WXYZ), so a
-- caller who types the code one key per character is found by an index look-up. Filled by the
-- store when citizens are written (and for older rows when the database is opened).
ALTER TABLE citizens ADD COLUMN keypad TEXT;
CREATE INDEX citizens_keypad ON citizens (keypad);
