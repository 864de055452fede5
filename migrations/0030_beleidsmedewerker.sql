-- loket: herbouw
-- Management information without personal data (issue 16 item 7): a sixth
-- role, beleidsmedewerker (32), sees the aggregate figures of all teams and
-- never a household, a name or a free text (include/http.h).  The roles
-- bit set widens from 1..31 to 1..63; SQLite changes a CHECK only by
-- rebuilding the table, with foreign keys off and checked in full before
-- it commits (the first line above; src/db/db.c).  Its own triggers and
-- indexes come back unchanged; the api_token trigger that reads it is
-- taken down while the table is renamed and put back as it was, and so are
-- the two statistics views that join it (as 0017 left them).
DROP TRIGGER api_token_alleen_koppeling;
DROP VIEW statistiek_live;
DROP VIEW statistiek_periode;
CREATE TABLE medewerker_nieuw (
	id                   INTEGER PRIMARY KEY,
	username             TEXT NOT NULL UNIQUE COLLATE NOCASE
	                          CHECK (length(username) BETWEEN 3 AND 64),
	name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	email                TEXT,
	roles                INTEGER NOT NULL CHECK (roles BETWEEN 1 AND 63),
	team_id              INTEGER REFERENCES team(id),
	password_hash        TEXT NOT NULL,
	must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
	active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at           INTEGER NOT NULL,
	version              INTEGER NOT NULL DEFAULT 1,
	updated_by           INTEGER REFERENCES medewerker(id),
	updated_at           INTEGER,
	soort                TEXT NOT NULL DEFAULT 'persoon' CHECK (soort IN ('persoon', 'koppeling'))
) STRICT;
INSERT INTO medewerker_nieuw(id, username, name, email, roles, team_id, password_hash, must_change_password,
                             active, created_at, version, updated_by, updated_at, soort)
	SELECT id, username, name, email, roles, team_id, password_hash, must_change_password,
	       active, created_at, version, updated_by, updated_at, soort FROM medewerker;
DROP TABLE medewerker;
ALTER TABLE medewerker_nieuw RENAME TO medewerker;
CREATE INDEX medewerker_team ON medewerker(team_id);
CREATE UNIQUE INDEX medewerker_koppeling_naam ON medewerker(name COLLATE NOCASE) WHERE soort = 'koppeling';
CREATE TRIGGER stat_medewerker_insert AFTER INSERT ON medewerker
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_medewerker_delete AFTER DELETE ON medewerker
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_medewerker_update AFTER UPDATE OF team_id, active, roles, name ON medewerker
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER medewerker_koppeling_rollen_insert BEFORE INSERT ON medewerker
WHEN NEW.soort = 'koppeling' AND (NEW.roles & ~3) <> 0
BEGIN SELECT RAISE(ABORT, 'een koppeling heeft alleen de rollen consulent en gebiedsteam'); END;
CREATE TRIGGER medewerker_koppeling_rollen_update BEFORE UPDATE OF roles, soort ON medewerker
WHEN NEW.soort = 'koppeling' AND (NEW.roles & ~3) <> 0
BEGIN SELECT RAISE(ABORT, 'een koppeling heeft alleen de rollen consulent en gebiedsteam'); END;
CREATE TRIGGER medewerker_soort_vast BEFORE UPDATE OF soort ON medewerker
WHEN NEW.soort <> OLD.soort
BEGIN SELECT RAISE(ABORT, 'de soort van een account verandert niet'); END;
CREATE TRIGGER api_token_alleen_koppeling BEFORE INSERT ON api_token
WHEN (SELECT soort FROM medewerker WHERE id = NEW.medewerker_id) IS NOT 'koppeling'
BEGIN SELECT RAISE(ABORT, 'een API-token hoort bij een koppeling'); END;
CREATE VIEW statistiek_live AS
SELECT h.id AS huishouden_id, m.team_id AS team_id, h.gebied_id AS gebied_id,
       date(h.opened_at, 'unixepoch', 'localtime') AS aangemeld_on,
       h.intake_on AS intake_on, h.plan_vastgesteld_on AS plan_vastgesteld_on,
       CASE WHEN h.status = 'afgesloten' THEN date(h.closed_at, 'unixepoch', 'localtime') END AS closed_on,
       h.close_reason AS close_reason, h.status AS status, h.regisseur_id AS regisseur_id
  FROM huishouden h LEFT JOIN medewerker m ON m.id = h.regisseur_id;
CREATE VIEW statistiek_periode AS
SELECT p.huishouden_id AS huishouden_id, m.team_id AS team_id, h.gebied_id AS gebied_id,
       p.aangemeld_on AS aangemeld_on, p.intake_on AS intake_on, p.plan_vastgesteld_on AS plan_vastgesteld_on,
       p.closed_on AS closed_on, p.close_reason AS close_reason, 'afgesloten' AS status,
       h.regisseur_id AS regisseur_id
  FROM huishouden_periode p JOIN huishouden h ON h.id = p.huishouden_id
  LEFT JOIN medewerker m ON m.id = h.regisseur_id;
