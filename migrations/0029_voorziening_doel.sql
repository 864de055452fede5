-- Goals and voorzieningen (issue 16 item 1): a voorziening serves one or
-- more goals of the household's plan, so a result can be attributed to
-- what was put in for it.  voorziening_doel is the link from now on; the
-- old single voorziening.doel_id is copied into it and no longer written
-- (SQLite cannot drop a column that is a foreign key).  A voorziening for
-- mantelzorgondersteuning names the netwerklid it supports (scenario 5:
-- respijtzorg for Els supports oma Riek's mantelzorger).
CREATE TABLE voorziening_doel (
	voorziening_id INTEGER NOT NULL REFERENCES voorziening(id),
	doel_id        INTEGER NOT NULL REFERENCES doel(id),
	PRIMARY KEY (voorziening_id, doel_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX voorziening_doel_doel ON voorziening_doel(doel_id);

INSERT INTO voorziening_doel(voorziening_id, doel_id)
	SELECT id, doel_id FROM voorziening WHERE doel_id IS NOT NULL;
UPDATE voorziening SET doel_id = NULL WHERE doel_id IS NOT NULL;

ALTER TABLE voorziening ADD COLUMN netwerklid_id INTEGER REFERENCES netwerklid(id);

-- The teamleider's signals (issue 16 item 4) come as meldingen too: read
-- marks for their three kinds (src/melding.c keys them: growth by month
-- and provider or product, overlap by its newest voorziening, an ending
-- voorziening by its id).
CREATE TABLE melding_gelezen_0029 (
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	soort         TEXT NOT NULL CHECK (soort IN ('veiligheidszorg', 'toegewezen', 'overdracht', 'afspraak',
	                                             'termijn_week', 'termijn_verlopen', 'verzoek', 'signaal_groei',
	                                             'signaal_overlap', 'signaal_tijdelijk')),
	object_id     INTEGER NOT NULL,
	gelezen_at    INTEGER NOT NULL,
	PRIMARY KEY (medewerker_id, soort, object_id)
) STRICT, WITHOUT ROWID;
INSERT INTO melding_gelezen_0029 SELECT medewerker_id, soort, object_id, gelezen_at FROM melding_gelezen;
DROP TABLE melding_gelezen;
ALTER TABLE melding_gelezen_0029 RENAME TO melding_gelezen;
