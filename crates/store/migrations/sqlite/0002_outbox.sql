-- The notifications outbox: every message to a citizen (SMS, IO app, postal letter, e-mail) is
-- written here in the same transaction as the fact it reports, then delivered by a worker with
-- retries and backoff.
CREATE TABLE outbox_messages (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('sms', 'io', 'postal', 'email')),
    recipient       TEXT NOT NULL,      -- E.164 number, tax code (IO), or postal address block
    subject         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    attachment      TEXT,               -- path of a stored document (postal letters)
    related         TEXT,               -- what it is about: 'appointment:42', 'linea:LI-2026-…'
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox_messages (status, next_attempt_at);

-- Citizens choose whether to get IO-app notifications (R-NOTIF-1).
ALTER TABLE citizens ADD COLUMN io_opt_in INTEGER NOT NULL DEFAULT 0;
