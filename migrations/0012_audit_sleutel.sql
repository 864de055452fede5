-- Security issue 11: an audit chain that only the holder of a key can
-- extend.  key_version says how a row's hash was made: 0 is the unkeyed
-- BLAKE2b of the rows written before this change (and of the row that
-- records the first key); N >= 1 is a keyed BLAKE2b MAC with version N of
-- the key file kept outside the database (src/db/audit_key.c).  Which
-- version each row must carry is pinned by that key file (each version
-- names its first row), not by this column, so an attacker cannot turn
-- keyed rows back into unkeyed ones.  token_id is the API token a request
-- used (NULL for sessions and commands); it is part of the MAC of keyed
-- rows.
ALTER TABLE audit ADD COLUMN key_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN token_id INTEGER;
