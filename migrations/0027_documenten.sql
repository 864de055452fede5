-- Documents (issue 15): the letters the resident receives (beschikking,
-- verslag van het onderzoek, plan for the resident) and the files an
-- employee attaches (uploads).  Everything is kept in the database, so
-- `loket backup` keeps it and purge removes it with the household.
--
-- A generated document is a concept (its free-text parts, no content)
-- until it is vastgesteld: then its content (the PDF), size, SHA-256 and
-- date are set once and the row never changes again (trigger).  A new
-- version is a new row with the next version_no; an earlier one is never
-- overwritten.  An upload is vastgesteld when it is stored.  At most one
-- concept per household, kind and voorziening.
CREATE TABLE document (
	id             INTEGER PRIMARY KEY,
	huishouden_id  INTEGER NOT NULL REFERENCES huishouden(id),
	kind           TEXT NOT NULL CHECK (kind IN ('beschikking', 'verslag', 'plan', 'upload')),
	status         TEXT NOT NULL CHECK (status IN ('concept', 'vastgesteld')),
	voorziening_id INTEGER REFERENCES voorziening(id),
	aanmelding_id  INTEGER REFERENCES aanmelding(id),
	journaal_id    INTEGER REFERENCES journaal(id),
	version_no     INTEGER NOT NULL DEFAULT 1 CHECK (version_no >= 1),
	title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	recipient      TEXT CHECK (recipient IS NULL OR length(recipient) <= 500),
	motivation     TEXT CHECK (motivation IS NULL OR length(motivation) <= 5000),
	closing        TEXT CHECK (closing IS NULL OR length(closing) <= 2000),
	file_name      TEXT CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 200),
	mime_type      TEXT CHECK (mime_type IS NULL OR mime_type IN ('application/pdf', 'image/jpeg', 'image/png',
	                    'application/vnd.oasis.opendocument.text',
	                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
	size           INTEGER CHECK (size IS NULL OR size BETWEEN 1 AND 20971520),
	sha256         TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
	dated_on       TEXT CHECK (dated_on IS NULL OR dated_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	created_by     INTEGER NOT NULL REFERENCES medewerker(id),
	created_at     INTEGER NOT NULL,
	updated_by     INTEGER REFERENCES medewerker(id),
	updated_at     INTEGER,
	settled_by     INTEGER REFERENCES medewerker(id),
	settled_at     INTEGER,
	version        INTEGER NOT NULL DEFAULT 1,
	-- Last, so reading any other column of a row (the lists, the
	-- household page) never walks the content's overflow pages.
	content        BLOB,
	CHECK ((status = 'vastgesteld') = (content IS NOT NULL AND sha256 IS NOT NULL AND size IS NOT NULL
	                                   AND mime_type IS NOT NULL AND settled_at IS NOT NULL AND dated_on IS NOT NULL)),
	CHECK (kind <> 'beschikking' OR voorziening_id IS NOT NULL),
	CHECK (kind <> 'upload' OR (status = 'vastgesteld' AND file_name IS NOT NULL)),
	CHECK (kind = 'upload' OR (aanmelding_id IS NULL AND journaal_id IS NULL))
) STRICT;
CREATE INDEX document_huishouden ON document(huishouden_id, status, id);
CREATE INDEX document_voorziening ON document(voorziening_id) WHERE voorziening_id IS NOT NULL;
CREATE UNIQUE INDEX document_een_concept ON document(huishouden_id, kind, ifnull(voorziening_id, 0))
	WHERE status = 'concept';
CREATE TRIGGER document_vastgesteld_blijft BEFORE UPDATE ON document WHEN OLD.status = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'a vastgesteld document never changes'); END;
