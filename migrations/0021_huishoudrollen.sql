-- loket: herbouw
-- Roles in the household (issue 12 item 8): besides ouder, partner, kind
-- and overig also an inwonende ouder or grootouder and a huisgenoot, so an
-- 83-year-old living with her husband is not "Ouder" of nobody.  SQLite
-- changes a CHECK constraint only by rebuilding the table: the first line
-- above makes the migration run with foreign keys off and checks them all
-- before it commits (src/db/db.c).  Existing roles are kept as they are; a
-- consulent corrects a role on the person's page (audited), not a script.
CREATE TABLE persoon_nieuw (
	id            INTEGER PRIMARY KEY,
	huishouden_id INTEGER NOT NULL REFERENCES huishouden(id),
	bsn           TEXT UNIQUE CHECK (bsn IS NULL OR (length(bsn) = 9 AND bsn NOT GLOB '*[^0-9]*')),
	first_name    TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
	name_prefix   TEXT CHECK (name_prefix IS NULL OR length(name_prefix) BETWEEN 1 AND 20),
	last_name     TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
	birth_date    TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	role          TEXT NOT NULL CHECK (role IN ('ouder', 'partner', 'kind', 'inwonende_ouder', 'huisgenoot', 'overig')),
	phone         TEXT CHECK (phone IS NULL OR length(phone) <= 30),
	email         TEXT CHECK (email IS NULL OR length(email) <= 200),
	updated_by    INTEGER REFERENCES medewerker(id),
	updated_at    INTEGER,
	version       INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO persoon_nieuw(id, huishouden_id, bsn, first_name, name_prefix, last_name, birth_date, role, phone,
                          email, updated_by, updated_at, version)
	SELECT id, huishouden_id, bsn, first_name, name_prefix, last_name, birth_date, role, phone,
	       email, updated_by, updated_at, version FROM persoon;
DROP TABLE persoon;
ALTER TABLE persoon_nieuw RENAME TO persoon;
CREATE INDEX persoon_huishouden ON persoon(huishouden_id);
CREATE INDEX persoon_birth ON persoon(birth_date, last_name);
