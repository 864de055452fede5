-- Positieve Gezondheid (issue 16 item 3): the resident's own scores, 0 to
-- 10, on the six dimensions of the method (Institute for Positive Health),
-- entered with them in the intake or an evaluation, beside the
-- professional's ZRM.  Modelled on zrm_score: dated, never overwritten, and
-- linked to the conversation they were given in (exactly one of intake_id
-- and evaluatie_id).  A set is all six dimensions of one person on one
-- conversation (the application writes all six or none).
CREATE TABLE gezondheid_score (
	id           INTEGER PRIMARY KEY,
	persoon_id   INTEGER NOT NULL REFERENCES persoon(id),
	dimension    TEXT NOT NULL CHECK (dimension IN ('lichaamsfuncties', 'mentaal_welbevinden', 'zingeving',
	                 'kwaliteit_van_leven', 'meedoen', 'dagelijks_functioneren')),
	score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
	scored_on    TEXT NOT NULL CHECK (scored_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	intake_id    INTEGER REFERENCES intake(id),
	evaluatie_id INTEGER REFERENCES evaluatie(id),
	created_by   INTEGER NOT NULL REFERENCES medewerker(id),
	created_at   INTEGER NOT NULL,
	CHECK ((intake_id IS NULL) <> (evaluatie_id IS NULL))
) STRICT;
CREATE INDEX gezondheid_score_persoon ON gezondheid_score(persoon_id, dimension, scored_on);
CREATE INDEX gezondheid_score_intake ON gezondheid_score(intake_id) WHERE intake_id IS NOT NULL;
CREATE INDEX gezondheid_score_evaluatie ON gezondheid_score(evaluatie_id) WHERE evaluatie_id IS NOT NULL;

-- For the results (issue 16 item 2): one row per complete measurement (all
-- six dimensions of one person in one conversation) with its total, 0 to
-- 60; and per person the total at the first and at the latest measurement.
-- The resident's own change ("eigen verandering") is laatste - eerste;
-- with one measurement eerste = laatste (metingen = 1).  The order of
-- measurements: by date, and on one date the intake before an evaluation,
-- evaluations by id (as the ZRM progress orders them).
CREATE VIEW gezondheid_meting AS
SELECT persoon_id, scored_on, intake_id, evaluatie_id, sum(score) AS totaal
FROM gezondheid_score
GROUP BY persoon_id, scored_on, intake_id, evaluatie_id
HAVING count(*) = 6;
CREATE VIEW gezondheid_verandering AS
SELECT persoon_id, eerste, laatste, metingen FROM (
	SELECT persoon_id,
	       first_value(totaal) OVER w AS eerste,
	       last_value(totaal) OVER w AS laatste,
	       count(*) OVER w AS metingen,
	       row_number() OVER w AS rn
	FROM gezondheid_meting
	WINDOW w AS (PARTITION BY persoon_id
	             ORDER BY scored_on, evaluatie_id IS NOT NULL, coalesce(evaluatie_id, 0), coalesce(intake_id, 0)
	             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
WHERE rn = 1;
