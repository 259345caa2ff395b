-- Documents sent home (R-SELF-4..7) and the outbox's delivery lease.
--
-- Instants written by the outbox and documents modules are RFC 3339 UTC with exactly nine
-- fractional digits ('2026-01-12T08:00:00.000000000Z'), so that comparing the TEXT compares the
-- instants.

-- A letter generated for a citizen and put into the postal outbox. The PDF itself lives on disk
-- (file_path, relative to nothing: as written); sha256 and size let an operator check it.
CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    tax_code            TEXT NOT NULL REFERENCES citizens (tax_code),
    kind                TEXT NOT NULL CHECK (kind IN
                            ('payment_statement', 'pension_details', 'certificazione_unica',
                             'insurance_record')),
    year                INTEGER,            -- the CU's year; NULL for the other kinds
    reference           TEXT NOT NULL UNIQUE, -- the protocol printed on the letter
    generated_at        TEXT NOT NULL,
    file_path           TEXT NOT NULL,
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes          INTEGER NOT NULL CHECK (size_bytes > 0),
    outbox_message_id   INTEGER REFERENCES outbox_messages (id), -- set in the same transaction
    dispatch_date       TEXT NOT NULL,      -- YYYY-MM-DD, the working day it is posted
    CHECK ((kind = 'certificazione_unica') = (year IS NOT NULL))
);
CREATE INDEX documents_by_citizen ON documents (tax_code, kind, year, id);

-- A worker claims a due message by setting a lease; another worker skips it until the lease
-- runs out (a worker that died mid-send), so two workers never send the same message at once.
ALTER TABLE outbox_messages ADD COLUMN lease_owner TEXT;
ALTER TABLE outbox_messages ADD COLUMN lease_until TEXT;
