-- A safety concern (meldcode huiselijk geweld en kindermishandeling) is an
-- object with a life of its own (issue 12): opened wherever it is noticed,
-- its five steps recorded, open until someone closes it with an outcome.
-- Nothing else (a new intake, closing an aanmelding, a plan) closes it.
CREATE TABLE veiligheidszorg (
	id          INTEGER PRIMARY KEY,
	huishouden_id INTEGER NOT NULL REFERENCES huishouden(id),
	persoon_id  INTEGER REFERENCES persoon(id),  -- about whom; NULL: the household
	bron        TEXT NOT NULL CHECK (bron IN ('huishouden', 'aanmelding', 'intake', 'journaal', 'bezoek', 'signaal')),
	bron_id     INTEGER,
	gezien      TEXT NOT NULL CHECK (length(gezien) BETWEEN 1 AND 5000),
	gezien_op   TEXT NOT NULL CHECK (length(gezien_op) = 10),
	opened_by   INTEGER NOT NULL REFERENCES medewerker(id),
	opened_at   INTEGER NOT NULL,
	status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'gesloten')),
	uitkomst    TEXT CHECK (uitkomst IS NULL OR uitkomst IN
	              ('gemeld_veilig_thuis', 'hulp_georganiseerd', 'gemeld_en_hulp', 'zorg_weggenomen')),
	toelichting TEXT CHECK (toelichting IS NULL OR length(toelichting) <= 5000),
	closed_by   INTEGER REFERENCES medewerker(id),
	closed_at   INTEGER,
	version     INTEGER NOT NULL DEFAULT 1,
	CHECK ((status = 'gesloten') = (uitkomst IS NOT NULL AND closed_at IS NOT NULL))
) STRICT;
CREATE INDEX veiligheidszorg_huishouden ON veiligheidszorg(huishouden_id, status);
CREATE INDEX veiligheidszorg_open ON veiligheidszorg(opened_at) WHERE status = 'open';

-- The steps of the meldcode: 1 signalen in kaart brengen, 2 collegiale
-- consultatie (zo nodig Veilig Thuis raadplegen), 3 gesprek met de
-- betrokkene(n), 4 wegen met het afwegingskader, 5 beslissen.  A step
-- recorded before the one in front of it needs a reason.
CREATE TABLE veiligheidszorg_stap (
	id        INTEGER PRIMARY KEY,
	zorg_id   INTEGER NOT NULL REFERENCES veiligheidszorg(id),
	stap      INTEGER NOT NULL CHECK (stap BETWEEN 1 AND 5),
	datum     TEXT NOT NULL CHECK (length(datum) = 10),
	besluit   TEXT NOT NULL CHECK (length(besluit) BETWEEN 1 AND 5000),
	reden_volgorde TEXT CHECK (reden_volgorde IS NULL OR length(reden_volgorde) <= 2000),
	by        INTEGER NOT NULL REFERENCES medewerker(id),
	at        INTEGER NOT NULL
) STRICT;
CREATE INDEX veiligheidszorg_stap_zorg ON veiligheidszorg_stap(zorg_id, stap);
