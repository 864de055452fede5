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
