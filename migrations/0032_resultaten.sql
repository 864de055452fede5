-- Results per provider and product (issue 16 item 2): the figures are kept
-- per filter while statistiek_versie stays the same (src/resultaat.c, as the
-- dashboard's since 0010), so every write they read moves it on: the goals a
-- voorziening serves, a goal's outcome at evaluation, the ZRM and the
-- resident's own scores, the approved declarations, and the columns of a
-- voorziening the results read besides those 0025 already watches.
CREATE TRIGGER stat_voorziening_doel_insert AFTER INSERT ON voorziening_doel
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_voorziening_doel_delete AFTER DELETE ON voorziening_doel
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_evaluatie_doel_insert AFTER INSERT ON evaluatie_doel
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_evaluatie_doel_update AFTER UPDATE ON evaluatie_doel
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_evaluatie_doel_delete AFTER DELETE ON evaluatie_doel
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_evaluatie_update AFTER UPDATE OF held_on ON evaluatie
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_zrm_score_insert AFTER INSERT ON zrm_score
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_zrm_score_delete AFTER DELETE ON zrm_score
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_gezondheid_score_insert AFTER INSERT ON gezondheid_score
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_gezondheid_score_delete AFTER DELETE ON gezondheid_score
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_declaratie_insert AFTER INSERT ON declaratie_prestatie
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_declaratie_update AFTER UPDATE ON declaratie_prestatie
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_declaratie_delete AFTER DELETE ON declaratie_prestatie
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
DROP TRIGGER stat_voorziening_update;
CREATE TRIGGER stat_voorziening_update AFTER UPDATE OF status, kind, cost_cents, aanbieder_id, huishouden_id,
	verwijzer, start_date, legal_basis, product_id, persoon_id, started_on, ended_on, end_reason, end_date
	ON voorziening
BEGIN UPDATE statistiek_versie SET n = n + 1; END;

-- A goal's latest outcome is looked up by goal.
CREATE INDEX evaluatie_doel_doel ON evaluatie_doel(doel_id);

-- The resident's own scores of a person read measurement by measurement
-- (src/db/resultaat.c): covering, in the order of time.
CREATE INDEX gezondheid_score_meting ON gezondheid_score(persoon_id, scored_on, intake_id, evaluatie_id, score);
