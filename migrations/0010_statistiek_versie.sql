-- A version number of everything the dashboard's aggregate figures are
-- made of (caseload, throughput, maatwerk per provider, outflow).  Every
-- write that can change one of them bumps it, through triggers, so the
-- server may keep computed figures exactly as long as they are right
-- (src/db/dashboard.c), also when rows change outside the application.
CREATE TABLE statistiek_versie (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	n         INTEGER NOT NULL
) STRICT;
INSERT INTO statistiek_versie (singleton, n) VALUES (1, 0);

CREATE TRIGGER stat_huishouden_insert AFTER INSERT ON huishouden
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_huishouden_delete AFTER DELETE ON huishouden
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_huishouden_update AFTER UPDATE OF status, regisseur_id, gebied_id, opened_at, closed_at,
	close_reason, intake_on, plan_vastgesteld_on ON huishouden
BEGIN UPDATE statistiek_versie SET n = n + 1; END;

CREATE TRIGGER stat_archief_insert AFTER INSERT ON statistiek_archief
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_archief_delete AFTER DELETE ON statistiek_archief
BEGIN UPDATE statistiek_versie SET n = n + 1; END;

CREATE TRIGGER stat_medewerker_insert AFTER INSERT ON medewerker
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_medewerker_delete AFTER DELETE ON medewerker
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_medewerker_update AFTER UPDATE OF team_id, active, roles, name ON medewerker
BEGIN UPDATE statistiek_versie SET n = n + 1; END;

CREATE TRIGGER stat_team_insert AFTER INSERT ON team
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_team_delete AFTER DELETE ON team
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_team_update AFTER UPDATE OF name ON team
BEGIN UPDATE statistiek_versie SET n = n + 1; END;

CREATE TRIGGER stat_plan_insert AFTER INSERT ON plan
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_plan_delete AFTER DELETE ON plan
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_plan_update AFTER UPDATE OF status, next_evaluation, huishouden_id ON plan
BEGIN UPDATE statistiek_versie SET n = n + 1; END;

CREATE TRIGGER stat_voorziening_insert AFTER INSERT ON voorziening
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_voorziening_delete AFTER DELETE ON voorziening
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_voorziening_update AFTER UPDATE OF status, kind, cost_cents, aanbieder_id, huishouden_id ON voorziening
BEGIN UPDATE statistiek_versie SET n = n + 1; END;

CREATE TRIGGER stat_aanbieder_insert AFTER INSERT ON aanbieder
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_aanbieder_delete AFTER DELETE ON aanbieder
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_aanbieder_update AFTER UPDATE OF name ON aanbieder
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
