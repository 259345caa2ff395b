-- Agent phones: the SIP extensions the registrar accepts (REGISTER with digest authentication).
-- The password is never stored: only HA1 = MD5(extension ":" realm ":" password), lower-case
-- hex, which is what digest verification needs; it is valid for `realm` only (a new realm
-- means new passwords). Instants are TEXT in RFC 3339 (UTC), truncated to whole seconds.
CREATE TABLE agent_phones (
    extension       TEXT PRIMARY KEY CHECK (length(extension) BETWEEN 1 AND 32),
    display_name    TEXT NOT NULL,
    realm           TEXT NOT NULL,
    ha1             TEXT NOT NULL CHECK (length(ha1) = 32),
    updated_at      TEXT NOT NULL
);
