-- Heropenen (issue 12 item 4): a closed household is read-only until it is
-- reopened, and reopening starts a new period.  The finished period is kept
-- here, so the dashboard still counts its steps (aanmelding -> intake ->
-- plan) and its outflow in the months they happened, while the household
-- row starts over: opened_at is the reopening day, closed_at, close_reason,
-- intake_on and plan_vastgesteld_on are cleared (src/handlers/heropenen.c).
-- Team and gebied come from the household, as in statistiek_live; no
-- personal data, no free text.  The purge archives these rows with the
-- household's own (src/db/purge.c).
CREATE TABLE huishouden_periode (
	id                  INTEGER PRIMARY KEY,
	huishouden_id       INTEGER NOT NULL REFERENCES huishouden(id),
	aangemeld_on        TEXT NOT NULL CHECK (aangemeld_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	intake_on           TEXT CHECK (intake_on IS NULL OR intake_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	plan_vastgesteld_on TEXT CHECK (plan_vastgesteld_on IS NULL OR plan_vastgesteld_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	closed_on           TEXT NOT NULL CHECK (closed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	close_reason        TEXT NOT NULL CHECK (close_reason IN ('doel_bereikt', 'uitstroom_lichter', 'verhuisd',
	                         'overleden', 'anders')),
	reopened_on         TEXT NOT NULL CHECK (reopened_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	reopened_by         INTEGER NOT NULL REFERENCES medewerker(id),
	reopened_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX huishouden_periode_huishouden ON huishouden_periode(huishouden_id);
CREATE INDEX huishouden_periode_closed ON huishouden_periode(closed_on);

-- The finished periods with the columns of statistiek_live.
CREATE VIEW statistiek_periode AS
SELECT p.huishouden_id AS huishouden_id, m.team_id AS team_id, h.gebied_id AS gebied_id,
       p.aangemeld_on AS aangemeld_on, p.intake_on AS intake_on, p.plan_vastgesteld_on AS plan_vastgesteld_on,
       p.closed_on AS closed_on, p.close_reason AS close_reason, 'afgesloten' AS status,
       h.regisseur_id AS regisseur_id
  FROM huishouden_periode p JOIN huishouden h ON h.id = p.huishouden_id
  LEFT JOIN medewerker m ON m.id = h.regisseur_id;

CREATE TRIGGER stat_periode_insert AFTER INSERT ON huishouden_periode
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_periode_delete AFTER DELETE ON huishouden_periode
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
