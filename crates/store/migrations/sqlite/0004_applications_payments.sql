-- Applications (R-SELF-1, R-SELF-2) and what the institute pays and records (R-SELF-4..7):
-- benefit payments, pensions with their monthly statements, Certificazioni Uniche, and the
-- insurance record (estratto conto contributivo).
-- Codes (benefit, status, fund, contribution type, payment method) are validated by the services
-- crate, which owns the catalogues; rows that do not parse are reported as corrupt.
-- Dates are TEXT YYYY-MM-DD, instants TEXT RFC 3339 (UTC), amounts INTEGER cents.

-- Number series: the DOMUS sequence ('domus') and one protocol register per office and year
-- ('protocol:0100:2026').
CREATE TABLE number_series (
    name            TEXT PRIMARY KEY,
    last_value      INTEGER NOT NULL
);

CREATE TABLE applications (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    domus_number    TEXT NOT NULL UNIQUE CHECK (length(domus_number) = 13),
    protocol_number TEXT NOT NULL UNIQUE,   -- INPS.SSSS.dd/mm/yyyy.NNNNNNN
    benefit         TEXT NOT NULL,          -- catalogue code, e.g. 'naspi'
    office_code     TEXT NOT NULL CHECK (length(office_code) = 4),  -- competent office
    submitted_on    TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX applications_citizen ON applications (citizen_id);

-- Every state an application went through, oldest first; the last one is the current state.
CREATE TABLE application_status_changes (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    status          TEXT NOT NULL,
    sub_status      TEXT NOT NULL DEFAULT '',
    changed_at      TEXT NOT NULL
);
CREATE INDEX application_status_changes_application
    ON application_status_changes (application_id, id);

-- Benefit payments other than pensions (NASpI, AUU, ADI, …); pension payments are in
-- pension_payments.
CREATE TABLE benefit_payments (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    paid_on         TEXT NOT NULL,
    benefit         TEXT NOT NULL,
    gross_cents     INTEGER NOT NULL CHECK (gross_cents >= 0),
    withheld_cents  INTEGER NOT NULL CHECK (withheld_cents >= 0),
    net_cents       INTEGER NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('iban', 'post_office')),
    method_detail   TEXT NOT NULL,          -- masked IBAN, or the post office
    CHECK (net_cents = gross_cents - withheld_cents)
);
CREATE INDEX benefit_payments_citizen ON benefit_payments (citizen_id, paid_on);

CREATE TABLE pensions (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    office_code     TEXT NOT NULL CHECK (length(office_code) = 4),   -- managing office
    category        TEXT NOT NULL CHECK (length(category) = 3),
    certificate     TEXT NOT NULL CHECK (length(certificate) = 8),
    started_on      TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('iban', 'post_office')),
    method_detail   TEXT NOT NULL,
    UNIQUE (office_code, category, certificate)
);
CREATE INDEX pensions_citizen ON pensions (citizen_id);

-- The monthly statement (cedolino) of a pension.
CREATE TABLE pension_payments (
    id                      INTEGER PRIMARY KEY,
    pension_id              INTEGER NOT NULL REFERENCES pensions (id),
    month                   TEXT NOT NULL,  -- first day of the month paid
    paid_on                 TEXT NOT NULL,
    gross_cents             INTEGER NOT NULL CHECK (gross_cents >= 0),
    irpef_cents             INTEGER NOT NULL CHECK (irpef_cents >= 0),
    regional_cents          INTEGER NOT NULL CHECK (regional_cents >= 0),
    municipal_cents         INTEGER NOT NULL CHECK (municipal_cents >= 0),
    other_cents             INTEGER NOT NULL CHECK (other_cents >= 0),
    net_cents               INTEGER NOT NULL,
    CHECK (net_cents = gross_cents - irpef_cents - regional_cents - municipal_cents - other_cents),
    UNIQUE (pension_id, month)
);

-- Certificazione Unica: one per citizen and year of issue (it certifies the year before).
CREATE TABLE certificazioni_uniche (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    year            INTEGER NOT NULL,
    issued_on       TEXT NOT NULL,
    UNIQUE (citizen_id, year)
);

CREATE TABLE certificazione_unica_lines (
    id              INTEGER PRIMARY KEY,
    cu_id           INTEGER NOT NULL REFERENCES certificazioni_uniche (id),
    benefit         TEXT NOT NULL,
    days            INTEGER NOT NULL CHECK (days BETWEEN 0 AND 366),
    gross_cents     INTEGER NOT NULL CHECK (gross_cents >= 0),
    irpef_cents     INTEGER NOT NULL CHECK (irpef_cents >= 0),
    regional_cents  INTEGER NOT NULL CHECK (regional_cents >= 0),
    municipal_cents INTEGER NOT NULL CHECK (municipal_cents >= 0)
);
CREATE INDEX certificazione_unica_lines_cu ON certificazione_unica_lines (cu_id);

-- The insurance record (estratto conto contributivo): contribution periods by fund.
CREATE TABLE contribution_periods (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    fund            TEXT NOT NULL,          -- 'fpld', 'gestione-separata', 'artigiani', …
    period_from     TEXT NOT NULL,
    period_to       TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('work', 'figurative', 'voluntary', 'redemption')),
    weeks           INTEGER CHECK (weeks >= 0),
    months          INTEGER CHECK (months >= 0),
    pay_cents       INTEGER NOT NULL CHECK (pay_cents >= 0),
    reference       TEXT,               -- the employer, or the reason (NASpI, maternità, laurea…)
    CHECK (period_from <= period_to),
    CHECK ((weeks IS NULL) <> (months IS NULL))
);
CREATE INDEX contribution_periods_citizen ON contribution_periods (citizen_id, period_from);
