-- Verwijsstromen (issue 16 item 5): how a voorziening came about, through
-- the gemeente's own onderzoek or an external verwijzer, in the iJw
-- TypeVerwijzer list (COD327): gemeente 01, huisarts 02, jeugdarts 03,
-- gecertificeerde instelling 04, medisch specialist 05, zelfverwijzer 06,
-- rechter (or officier van justitie, JJI) 08.  Existing ones came through
-- the gemeente.
ALTER TABLE voorziening ADD COLUMN verwijzer TEXT NOT NULL DEFAULT 'gemeente'
	CHECK (verwijzer IN ('gemeente', 'huisarts', 'jeugdarts', 'gecertificeerde_instelling', 'medisch_specialist',
	                     'zelfverwijzer', 'rechter'));

-- The dashboard's cached figures count maatwerk per start month, legal
-- basis and verwijzer: a change of those makes them stale.
DROP TRIGGER stat_voorziening_update;
CREATE TRIGGER stat_voorziening_update AFTER UPDATE OF status, kind, cost_cents, aanbieder_id, huishouden_id,
	verwijzer, start_date, legal_basis ON voorziening
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
