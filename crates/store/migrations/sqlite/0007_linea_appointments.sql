-- INPS Linea requests (R-ROUTE-3, R-SELF-8, R-CHAN-6) and office appointments (R-ROUTE-4,
-- R-SELF-9). Instants are TEXT in RFC 3339 (UTC, whole seconds), dates TEXT YYYY-MM-DD.
-- Office codes are not foreign keys: the offices table is replaced from the profile at start-up,
-- and a request or appointment must outlive an office leaving the profile.

-- The last sequence number given out per year; bumped inside the transaction that creates the
-- request, so ids are gap-free per year and never reused.
CREATE TABLE linea_sequences (
    year            INTEGER PRIMARY KEY,
    last            INTEGER NOT NULL
);

CREATE TABLE linea_requests (
    id              TEXT PRIMARY KEY,               -- LI-2026-00000042
    tax_code        TEXT NOT NULL REFERENCES citizens (tax_code),
    office          TEXT NOT NULL CHECK (length(office) = 4),
    origin          TEXT NOT NULL CHECK (origin IN ('agent', 'online')),
    agent_id        TEXT,                           -- who forwarded it (origin 'agent')
    contact_id      INTEGER,                        -- the call it came from, when known
    service_group   TEXT NOT NULL,
    topic           TEXT NOT NULL,
    description     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN
                        ('received', 'taken_in_charge', 'waiting_for_citizen', 'answered',
                         'closed', 'reopened')),
    sla_due         TEXT NOT NULL,                  -- the date the office must answer by
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((origin = 'agent') = (agent_id IS NOT NULL))
);
CREATE INDEX linea_requests_citizen ON linea_requests (tax_code, office);
CREATE INDEX linea_requests_worklist ON linea_requests (office, status, sla_due);

-- Every status a request has been in, the first ('received') included.
CREATE TABLE linea_status_history (
    id              INTEGER PRIMARY KEY,
    request_id      TEXT NOT NULL REFERENCES linea_requests (id),
    status          TEXT NOT NULL,
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,                  -- 'agent:…', 'office:0100/…', 'citizen', …
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX linea_status_history_request ON linea_status_history (request_id, id);

CREATE TABLE linea_messages (
    id              INTEGER PRIMARY KEY,
    request_id      TEXT NOT NULL REFERENCES linea_requests (id),
    author          TEXT NOT NULL CHECK (author IN ('office', 'citizen')),
    body            TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX linea_messages_request ON linea_messages (request_id, id);

-- Appointments at an office desk. A desk's slot is booked at most once: the partial unique
-- index is the last word when two bookings race (cancelled and rescheduled rows free the slot).
CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    tax_code        TEXT NOT NULL REFERENCES citizens (tax_code),
    office          TEXT NOT NULL CHECK (length(office) = 4),
    service         TEXT NOT NULL,                  -- a service group id, e.g. 'pensions'
    mode            TEXT NOT NULL CHECK (mode IN ('counter', 'phone_callback', 'web_meeting')),
    start_at        TEXT NOT NULL,
    end_at          TEXT NOT NULL,
    desk            INTEGER NOT NULL CHECK (desk >= 1),
    mobile          TEXT NOT NULL,                  -- E.164, where the confirmation SMS goes
    status          TEXT NOT NULL DEFAULT 'booked'
                        CHECK (status IN ('booked', 'cancelled', 'rescheduled')),
    booked_by       TEXT NOT NULL,                  -- 'citizen', 'agent:…', 'office:0100/…'
    replaces        INTEGER REFERENCES appointments (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (start_at < end_at)
);
CREATE UNIQUE INDEX appointments_desk_slot ON appointments (office, start_at, desk)
    WHERE status = 'booked';
CREATE INDEX appointments_citizen ON appointments (tax_code, start_at);
