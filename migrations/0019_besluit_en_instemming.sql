-- Data that cannot be right (issue 12 item 7).
--
-- 1. A voorziening's decision date is set when it is toegekend or
--    afgewezen, never at the aanvraag: a maatwerk voorziening has a
--    decision date exactly when it is no longer aangevraagd.  Dates typed
--    (or prefilled) on an aanvraag before this migration were not a
--    decision and are cleared.  started_on is the day a maatwerk
--    voorziening actually started (the step "starten"), never before its
--    ingangsdatum.  SQLite cannot change a CHECK in place: the table is
--    rebuilt with the same columns, indexes and triggers.  Foreign keys
--    into it (moreel_beraad) are deferred to the commit, when every row
--    is back under the same id.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE voorziening_0019 AS SELECT * FROM voorziening;
DROP TABLE voorziening;
CREATE TABLE voorziening (
	id               INTEGER PRIMARY KEY,
	huishouden_id    INTEGER NOT NULL REFERENCES huishouden(id),
	persoon_id       INTEGER REFERENCES persoon(id),
	doel_id          INTEGER REFERENCES doel(id),
	kind             TEXT NOT NULL CHECK (kind IN ('algemeen', 'maatwerk')),
	sociale_kaart_id INTEGER REFERENCES sociale_kaart(id),
	toewijzingnummer TEXT UNIQUE CHECK (toewijzingnummer IS NULL OR length(toewijzingnummer) BETWEEN 1 AND 20),
	decision_date    TEXT CHECK (decision_date IS NULL OR decision_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	legal_basis      TEXT CHECK (legal_basis IS NULL OR legal_basis IN ('wmo2015', 'jeugdwet', 'participatiewet', 'overig')),
	aanbieder_id     INTEGER REFERENCES aanbieder(id),
	product_id       INTEGER REFERENCES product(id),
	volume           INTEGER CHECK (volume IS NULL OR volume > 0),
	unit             TEXT CHECK (unit IS NULL OR unit IN ('minuut', 'uur', 'etmaal', 'dagdeel', 'stuks', 'euro')),
	frequency        TEXT CHECK (frequency IS NULL OR frequency IN ('per_dag', 'per_week', 'per_maand', 'totaal')),
	start_date       TEXT NOT NULL CHECK (start_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date         TEXT NOT NULL CHECK (end_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	cost_cents       INTEGER CHECK (cost_cents IS NULL OR cost_cents >= 0),
	status           TEXT NOT NULL DEFAULT 'aangevraagd'
	                      CHECK (status IN ('aangevraagd', 'toegekend', 'afgewezen', 'gestart', 'beeindigd')),
	end_reason       TEXT CHECK (end_reason IS NULL OR end_reason IN ('doel_bereikt', 'uitstroom_lichter',
	                      'verhuisd', 'overleden', 'anders')),
	ended_on         TEXT CHECK (ended_on IS NULL OR ended_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	created_by       INTEGER NOT NULL REFERENCES medewerker(id),
	created_at       INTEGER NOT NULL,
	updated_by       INTEGER REFERENCES medewerker(id),
	updated_at       INTEGER,
	version          INTEGER NOT NULL DEFAULT 1,
	started_on       TEXT CHECK (started_on IS NULL OR started_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CHECK (end_date >= start_date),
	CHECK (started_on IS NULL OR started_on >= start_date),
	CHECK (kind <> 'algemeen' OR sociale_kaart_id IS NOT NULL),
	CHECK (kind <> 'maatwerk' OR (legal_basis IS NOT NULL AND aanbieder_id IS NOT NULL
	                              AND product_id IS NOT NULL AND volume IS NOT NULL AND unit IS NOT NULL
	                              AND frequency IS NOT NULL AND cost_cents IS NOT NULL)),
	CHECK (kind <> 'maatwerk' OR (status = 'aangevraagd') = (decision_date IS NULL)),
	CHECK ((status = 'beeindigd') = (end_reason IS NOT NULL AND ended_on IS NOT NULL))
) STRICT;
INSERT INTO voorziening(id, huishouden_id, persoon_id, doel_id, kind, sociale_kaart_id, toewijzingnummer,
                        decision_date, legal_basis, aanbieder_id, product_id, volume, unit, frequency, start_date,
                        end_date, cost_cents, status, end_reason, ended_on, created_by, created_at, updated_by,
                        updated_at, version)
SELECT id, huishouden_id, persoon_id, doel_id, kind, sociale_kaart_id, toewijzingnummer,
       CASE WHEN kind = 'maatwerk' AND status = 'aangevraagd' THEN NULL ELSE decision_date END,
       legal_basis, aanbieder_id, product_id, volume, unit, frequency, start_date, end_date, cost_cents, status,
       end_reason, ended_on, created_by, created_at, updated_by, updated_at, version
  FROM voorziening_0019;
DROP TABLE voorziening_0019;
CREATE INDEX voorziening_huishouden ON voorziening(huishouden_id, status);
CREATE INDEX voorziening_aanbieder ON voorziening(aanbieder_id, status);
CREATE TRIGGER stat_voorziening_insert AFTER INSERT ON voorziening
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_voorziening_delete AFTER DELETE ON voorziening
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
CREATE TRIGGER stat_voorziening_update AFTER UPDATE OF status, kind, cost_cents, aanbieder_id, huishouden_id ON voorziening
BEGIN UPDATE statistiek_versie SET n = n + 1; END;
UPDATE statistiek_versie SET n = n + 1;

-- 2. Who in the household agreed to the plan when it was vastgesteld: one
--    row per member who agreed (persoon_id, with the name as it was, so the
--    record stays readable if the person moves or is purged elsewhere), or
--    a representative (a name line, e.g. "mr. A. Jansen, wettelijk
--    vertegenwoordiger").  Per plan version: a new version is agreed anew,
--    and an earlier version's agreement stays in its snapshot.
CREATE TABLE plan_instemming (
	id             INTEGER PRIMARY KEY,
	plan_id        INTEGER NOT NULL REFERENCES plan(id),
	version_no     INTEGER NOT NULL CHECK (version_no >= 1),
	persoon_id     INTEGER REFERENCES persoon(id),
	name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	representative INTEGER NOT NULL CHECK (representative IN (0, 1)),
	CHECK (representative = 0 OR persoon_id IS NULL),
	UNIQUE (plan_id, version_no, persoon_id)
) STRICT;
CREATE INDEX plan_instemming_persoon ON plan_instemming(persoon_id) WHERE persoon_id IS NOT NULL;
