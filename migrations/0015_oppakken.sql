-- Oppakken (issue 12, the shared queue): an open aanmelding gets a
-- behandelaar, the employee who picked it up (or whom a teamleider handed
-- it to).  The behandelaar joins the household's casusteam in the same
-- step (src/handlers/oppakken.c); the aanmelding leaves the others'
-- "op te pakken" list.
ALTER TABLE aanmelding ADD COLUMN behandelaar_id INTEGER REFERENCES medewerker(id);
ALTER TABLE aanmelding ADD COLUMN opgepakt_at INTEGER;
CREATE INDEX aanmelding_behandelaar ON aanmelding(behandelaar_id, status) WHERE behandelaar_id IS NOT NULL;
