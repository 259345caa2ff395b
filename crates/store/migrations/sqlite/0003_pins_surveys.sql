-- Phone PINs (R-AUTH-1..3), contacts (the minimum a survey needs) and post-contact surveys
-- (R-SURV-1, R-SURV-2). Instants are TEXT in RFC 3339 (UTC) truncated to whole seconds, so they
-- also compare correctly as text.

-- One row per PIN ever issued. The PIN itself is never stored: only its argon2id hash (a PHC
-- string, which carries its own salt and parameters). At most one PIN per citizen is not revoked:
-- issuing a new one revokes the old one in the same transaction.
CREATE TABLE phone_pins (
    id              INTEGER PRIMARY KEY,
    tax_code        TEXT NOT NULL REFERENCES citizens (tax_code),
    pin_hash        TEXT NOT NULL,
    validity        TEXT NOT NULL CHECK (validity IN ('1d', '1w', '1m', '3m')),
    identity        TEXT NOT NULL CHECK (identity IN ('spid', 'cie', 'cns')),
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    revoked_at      TEXT,
    revoked_reason  TEXT CHECK (revoked_reason IN ('replaced', 'revoked')),
    -- Consecutive wrong entries since the last success or the last lock.
    failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until    TEXT,
    last_used_at    TEXT,
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE UNIQUE INDEX phone_pins_one_active ON phone_pins (tax_code) WHERE revoked_at IS NULL;

-- One contact: a call, a WebCall or a portal session. The call-control issue extends this table
-- (path through the flow, queue, agent, …); surveys need only what is here.
CREATE TABLE contacts (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('phone', 'webcall', 'portal')),
    entry_number    TEXT,               -- the number dialled (803164, 06164164); NULL on the portal
    language        TEXT NOT NULL,
    tax_code        TEXT,               -- once the caller is identified
    -- What the contact ended with: an agent (R-SURV-1) or the automated services (R-SURV-2).
    service_kind    TEXT CHECK (service_kind IN ('agent', 'automated')),
    started_at      TEXT NOT NULL,
    ended_at        TEXT
);
CREATE INDEX contacts_started ON contacts (started_at);

-- Survey answers: one per question per contact, never overwritten.
CREATE TABLE survey_answers (
    id              INTEGER PRIMARY KEY,
    contact_id      INTEGER NOT NULL REFERENCES contacts (id),
    question        TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('score-1-5', 'yes-no')),
    value           INTEGER NOT NULL,   -- 1..5 for a score; 1 = yes, 0 = no
    service_kind    TEXT NOT NULL CHECK (service_kind IN ('agent', 'automated')),
    answered_at     TEXT NOT NULL,
    UNIQUE (contact_id, question),
    CHECK ((kind = 'score-1-5' AND value BETWEEN 1 AND 5) OR (kind = 'yes-no' AND value IN (0, 1)))
);
CREATE INDEX survey_answers_answered ON survey_answers (answered_at);

-- Follow-up items for supervisors: a low score or an unresolved need. One per contact and reason.
CREATE TABLE survey_followups (
    id              INTEGER PRIMARY KEY,
    contact_id      INTEGER NOT NULL REFERENCES contacts (id),
    reason          TEXT NOT NULL CHECK (reason IN ('low-score', 'not-resolved')),
    detail          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at      TEXT NOT NULL,
    closed_at       TEXT,
    closed_by       TEXT,
    note            TEXT NOT NULL DEFAULT '',
    UNIQUE (contact_id, reason),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX survey_followups_status ON survey_followups (status, created_at);
