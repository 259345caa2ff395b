-- Foundation: citizens, territorial offices, audit events.
-- Instants are TEXT in RFC 3339 (UTC), dates TEXT YYYY-MM-DD: portable to PostgreSQL.

CREATE TABLE citizens (
    id              INTEGER PRIMARY KEY,
    tax_code        TEXT NOT NULL UNIQUE,
    given_name      TEXT NOT NULL,
    surname         TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    sex             TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    street          TEXT,
    postcode        TEXT,
    city            TEXT,
    province        TEXT,
    mobile          TEXT,
    email           TEXT,
    language        TEXT NOT NULL DEFAULT 'it',
    created_at      TEXT NOT NULL,
    CHECK ((street IS NULL) = (city IS NULL))
);
CREATE INDEX citizens_province ON citizens (province);

CREATE TABLE offices (
    code            TEXT PRIMARY KEY CHECK (length(code) = 4),
    name            TEXT NOT NULL,
    region          TEXT NOT NULL,
    province        TEXT NOT NULL,
    street          TEXT NOT NULL,
    postcode        TEXT NOT NULL,
    city            TEXT NOT NULL,
    hours           TEXT NOT NULL
);
CREATE INDEX offices_province ON offices (province);

CREATE TABLE audit_events (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    subject         TEXT,
    detail          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_subject ON audit_events (subject);

-- Facts about the database itself (e.g. which demo data set was loaded).
CREATE TABLE store_meta (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
);
