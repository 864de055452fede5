-- Foundation: employees and their reference data, sessions, sign-in
-- throttling and the hash-chained audit log.

CREATE TABLE team (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100)
) STRICT;

CREATE TABLE gebied (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100)
) STRICT;

CREATE TABLE expertise (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100)
) STRICT;

-- roles is a bit set: 1 consulent, 2 gebiedsteam, 4 teamleider,
-- 8 beheerder, 16 privacy officer (include/auth.h).
CREATE TABLE medewerker (
	id                   INTEGER PRIMARY KEY,
	username             TEXT NOT NULL UNIQUE COLLATE NOCASE
	                          CHECK (length(username) BETWEEN 3 AND 64),
	name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	email                TEXT,
	roles                INTEGER NOT NULL CHECK (roles BETWEEN 1 AND 31),
	team_id              INTEGER REFERENCES team(id),
	password_hash        TEXT NOT NULL,
	must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
	active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX medewerker_team ON medewerker(team_id);

CREATE TABLE medewerker_expertise (
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	expertise_id  INTEGER NOT NULL REFERENCES expertise(id),
	PRIMARY KEY (medewerker_id, expertise_id)
) STRICT, WITHOUT ROWID;

-- Only a BLAKE2b hash of the session token is stored, so a copy of the
-- database does not hand out live sessions.
CREATE TABLE session (
	id            INTEGER PRIMARY KEY,
	token_hash    BLOB NOT NULL UNIQUE,
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	csrf_token    TEXT NOT NULL,
	created_at    INTEGER NOT NULL,
	last_seen_at  INTEGER NOT NULL,
	client_addr   TEXT NOT NULL
) STRICT;
CREATE INDEX session_medewerker ON session(medewerker_id);

-- Failed sign-ins, for throttling per account and per client address.
CREATE TABLE login_failure (
	id          INTEGER PRIMARY KEY,
	username    TEXT NOT NULL COLLATE NOCASE,
	client_addr TEXT NOT NULL,
	at          INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failure_username ON login_failure(username, at);
CREATE INDEX login_failure_addr ON login_failure(client_addr, at);

-- Append-only, hash-chained: hash = BLAKE2b(row fields || prev_hash)
-- (src/db/audit.c).  The triggers stop accidental changes through SQL;
-- the chain reveals deliberate ones.
CREATE TABLE audit (
	id            INTEGER PRIMARY KEY,
	at            INTEGER NOT NULL,
	medewerker_id INTEGER,
	action        TEXT NOT NULL,
	object_type   TEXT,
	object_id     INTEGER,
	huishouden_id INTEGER,
	reason        TEXT,
	client_addr   TEXT,
	prev_hash     BLOB NOT NULL,
	hash          BLOB NOT NULL
) STRICT;
CREATE INDEX audit_medewerker ON audit(medewerker_id, at);
CREATE INDEX audit_huishouden ON audit(huishouden_id, at) WHERE huishouden_id IS NOT NULL;

-- The newest row's id and hash, so that cutting rows off the end of the
-- chain is detected too.
CREATE TABLE audit_head (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	last_id   INTEGER NOT NULL,
	last_hash BLOB NOT NULL
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
