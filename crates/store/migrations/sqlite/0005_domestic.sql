-- Domestic work (colf, badanti, baby sitter): the employment relationships INPS knows, each with
-- the 10-digit code INPS assigned at the hiring communication (DOMAIN §4.5). The quarterly
-- contributions are computed from these facts and the published tables, never stored.
CREATE TABLE domestic_relationships (
    id                      INTEGER PRIMARY KEY,
    code                    TEXT NOT NULL UNIQUE
                            CHECK (length(code) = 10 AND code NOT GLOB '*[^0-9]*'),
    employer_tax_code       TEXT NOT NULL,
    worker_tax_code         TEXT NOT NULL,
    start_date              TEXT NOT NULL,      -- first day of work, YYYY-MM-DD
    end_date                TEXT,               -- last day of work; NULL while it lasts
    weekly_hours_hundredths INTEGER NOT NULL CHECK (weekly_hours_hundredths BETWEEN 1 AND 16800),
    hourly_wage_cents       INTEGER NOT NULL CHECK (hourly_wage_cents > 0),
    live_in_value_cents     INTEGER CHECK (live_in_value_cents >= 0), -- board and lodging, € per hour; NULL: not live-in
    cuaf                    INTEGER NOT NULL CHECK (cuaf IN (0, 1)),
    fixed_term              INTEGER NOT NULL CHECK (fixed_term IN (0, 1)),
    cassa_colf              INTEGER NOT NULL CHECK (cassa_colf IN (0, 1)),
    created_at              TEXT NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK (employer_tax_code <> worker_tax_code)
);
CREATE INDEX domestic_relationships_employer ON domestic_relationships (employer_tax_code);
CREATE INDEX domestic_relationships_period ON domestic_relationships (start_date, end_date);
