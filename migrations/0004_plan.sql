-- One plan per household (issue 4): goals per life domain with their
-- rolgesprek, agreements, voorzieningen with their beschikking, the
-- reference lists behind them (aanbieders, sociale kaart, products),
-- evaluations and moreel beraad.

-- Providers of maatwerk (zorgaanbieders) and the free-access services of
-- the sociale kaart; both maintained by the beheerder.
CREATE TABLE aanbieder (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
	kind       TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
	agb_code   TEXT CHECK (agb_code IS NULL OR (length(agb_code) = 8 AND agb_code NOT GLOB '*[^0-9]*')),
	gebied_id  INTEGER REFERENCES gebied(id),
	contact    TEXT CHECK (contact IS NULL OR length(contact) <= 500),
	active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	version    INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE sociale_kaart (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
	gebied_id   INTEGER REFERENCES gebied(id),
	contact     TEXT CHECK (contact IS NULL OR length(contact) <= 500),
	description TEXT CHECK (description IS NULL OR length(description) <= 2000),
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	version     INTEGER NOT NULL DEFAULT 1,
	UNIQUE (name, gebied_id)
) STRICT;

-- iWmo/iJw products: category (2 digits) and code (5 characters) as in the
-- message standard, under a legal basis.  A voorziening may only name a
-- known product.
CREATE TABLE product (
	id          INTEGER PRIMARY KEY,
	category    TEXT NOT NULL CHECK (category GLOB '[0-9][0-9]'),
	code        TEXT NOT NULL CHECK (length(code) = 5 AND code NOT GLOB '*[^0-9A-Z]*'),
	name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	legal_basis TEXT NOT NULL CHECK (legal_basis IN ('wmo2015', 'jeugdwet', 'participatiewet', 'overig')),
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	UNIQUE (category, code)
) STRICT;

-- The household's one plan.  The live content is in doel, rolgesprek and
-- afspraak; every earlier version is kept as a JSON snapshot in plan_versie
-- so it stays readable after the plan moves on.
CREATE TABLE plan (
	id              INTEGER PRIMARY KEY,
	huishouden_id   INTEGER NOT NULL UNIQUE REFERENCES huishouden(id),
	version_no      INTEGER NOT NULL DEFAULT 1 CHECK (version_no >= 1),
	status          TEXT NOT NULL DEFAULT 'concept'
	                     CHECK (status IN ('concept', 'vastgesteld', 'geevalueerd', 'afgesloten')),
	agreed_on       TEXT CHECK (agreed_on IS NULL OR agreed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	agreed_how      TEXT CHECK (agreed_how IS NULL OR agreed_how IN ('op_papier', 'mondeling', 'digitaal')),
	next_evaluation TEXT CHECK (next_evaluation IS NULL OR next_evaluation GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	closed_on       TEXT CHECK (closed_on IS NULL OR closed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	close_reason    TEXT CHECK (close_reason IS NULL OR close_reason IN ('doel_bereikt', 'uitstroom_lichter',
	                     'verhuisd', 'overleden', 'anders')),
	close_outcome   TEXT CHECK (close_outcome IS NULL OR length(close_outcome) <= 5000),
	created_by      INTEGER NOT NULL REFERENCES medewerker(id),
	created_at      INTEGER NOT NULL,
	updated_by      INTEGER REFERENCES medewerker(id),
	updated_at      INTEGER,
	version         INTEGER NOT NULL DEFAULT 1,
	CHECK (status <> 'vastgesteld' OR (agreed_on IS NOT NULL AND agreed_how IS NOT NULL)),
	CHECK (status <> 'afgesloten' OR (closed_on IS NOT NULL AND close_reason IS NOT NULL))
) STRICT;

CREATE TABLE plan_versie (
	id         INTEGER PRIMARY KEY,
	plan_id    INTEGER NOT NULL REFERENCES plan(id),
	version_no INTEGER NOT NULL,
	status     TEXT NOT NULL,
	snapshot   TEXT NOT NULL CHECK (json_valid(snapshot)),
	saved_by   INTEGER NOT NULL REFERENCES medewerker(id),
	saved_at   INTEGER NOT NULL,
	UNIQUE (plan_id, version_no)
) STRICT;

-- A goal in the resident's own words, per ZRM life domain.
CREATE TABLE doel (
	id          INTEGER PRIMARY KEY,
	plan_id     INTEGER NOT NULL REFERENCES plan(id),
	persoon_id  INTEGER REFERENCES persoon(id),
	domain      TEXT NOT NULL CHECK (domain IN ('financien', 'werk_en_opleiding', 'tijdsbesteding',
	                'huisvesting', 'huiselijke_relaties', 'geestelijke_gezondheid',
	                'lichamelijke_gezondheid', 'middelengebruik', 'basale_adl', 'instrumentele_adl',
	                'sociaal_netwerk', 'maatschappelijke_participatie', 'justitie')),
	wish        TEXT NOT NULL CHECK (length(wish) BETWEEN 1 AND 2000),
	target_date TEXT NOT NULL CHECK (target_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status      TEXT NOT NULL DEFAULT 'open'
	                 CHECK (status IN ('open', 'bezig', 'bereikt', 'deels_bereikt', 'niet_bereikt', 'vervallen')),
	created_by  INTEGER NOT NULL REFERENCES medewerker(id),
	created_at  INTEGER NOT NULL,
	updated_by  INTEGER REFERENCES medewerker(id),
	updated_at  INTEGER,
	version     INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX doel_plan ON doel(plan_id);

-- The rolgesprek of a goal: contributions from the inside out.  A netwerk
-- contribution names the network member; a voorliggend veld contribution
-- names a sociale kaart entry; a gemeente contribution states the intended
-- effect first and why the inner circles cannot carry it (omgekeerde
-- toets).  supports_netwerklid_id makes "support a network member" (a
-- mantelzorger) a first-class answer.
CREATE TABLE rolgesprek (
	id                     INTEGER PRIMARY KEY,
	doel_id                INTEGER NOT NULL REFERENCES doel(id),
	level                  TEXT NOT NULL CHECK (level IN ('inwoner', 'netwerk', 'voorliggend_veld', 'gemeente')),
	contribution           TEXT NOT NULL CHECK (length(contribution) BETWEEN 1 AND 2000),
	netwerklid_id          INTEGER REFERENCES netwerklid(id),
	sociale_kaart_id       INTEGER REFERENCES sociale_kaart(id),
	intended_effect        TEXT CHECK (intended_effect IS NULL OR length(intended_effect) <= 2000),
	justification          TEXT CHECK (justification IS NULL OR length(justification) <= 2000),
	supports_netwerklid_id INTEGER REFERENCES netwerklid(id),
	created_by             INTEGER NOT NULL REFERENCES medewerker(id),
	created_at             INTEGER NOT NULL,
	version                INTEGER NOT NULL DEFAULT 1,
	CHECK (level <> 'netwerk' OR netwerklid_id IS NOT NULL),
	CHECK (level <> 'voorliggend_veld' OR sociale_kaart_id IS NOT NULL),
	CHECK (level <> 'gemeente' OR (intended_effect IS NOT NULL AND justification IS NOT NULL))
) STRICT;
CREATE INDEX rolgesprek_doel ON rolgesprek(doel_id, level);

-- Agreements: who (the resident, a network member, an employee, a
-- provider), what, by when, done.
CREATE TABLE afspraak (
	id            INTEGER PRIMARY KEY,
	doel_id       INTEGER NOT NULL REFERENCES doel(id),
	who_kind      TEXT NOT NULL CHECK (who_kind IN ('inwoner', 'netwerklid', 'medewerker', 'aanbieder')),
	persoon_id    INTEGER REFERENCES persoon(id),
	netwerklid_id INTEGER REFERENCES netwerklid(id),
	medewerker_id INTEGER REFERENCES medewerker(id),
	aanbieder_id  INTEGER REFERENCES aanbieder(id),
	what          TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 2000),
	due_date      TEXT NOT NULL CHECK (due_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	done_on       TEXT CHECK (done_on IS NULL OR done_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	created_by    INTEGER NOT NULL REFERENCES medewerker(id),
	created_at    INTEGER NOT NULL,
	updated_by    INTEGER REFERENCES medewerker(id),
	updated_at    INTEGER,
	version       INTEGER NOT NULL DEFAULT 1,
	CHECK ((who_kind = 'inwoner') = (persoon_id IS NOT NULL)),
	CHECK ((who_kind = 'netwerklid') = (netwerklid_id IS NOT NULL)),
	CHECK ((who_kind = 'medewerker') = (medewerker_id IS NOT NULL)),
	CHECK ((who_kind = 'aanbieder') = (aanbieder_id IS NOT NULL))
) STRICT;
CREATE INDEX afspraak_doel ON afspraak(doel_id);
-- Overdue agreements of the regisseur's households: open ones by due date.
CREATE INDEX afspraak_open ON afspraak(due_date) WHERE done_on IS NULL;

-- Voorzieningen: algemeen (from the sociale kaart, no decision) or
-- maatwerk with a beschikking.  Support is temporary: end_date is always
-- set.  Field names follow the iWmo/iJw toewijzing where one exists.
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
	CHECK (end_date >= start_date),
	CHECK (kind <> 'algemeen' OR sociale_kaart_id IS NOT NULL),
	CHECK (kind <> 'maatwerk' OR (decision_date IS NOT NULL AND legal_basis IS NOT NULL AND aanbieder_id IS NOT NULL
	                              AND product_id IS NOT NULL AND volume IS NOT NULL AND unit IS NOT NULL
	                              AND frequency IS NOT NULL AND cost_cents IS NOT NULL)),
	CHECK ((status = 'beeindigd') = (end_reason IS NOT NULL AND ended_on IS NOT NULL))
) STRICT;
CREATE INDEX voorziening_huishouden ON voorziening(huishouden_id, status);
CREATE INDEX voorziening_aanbieder ON voorziening(aanbieder_id, status);

-- Evaluations of a vastgesteld plan: planned and held date, what was
-- reached per goal, new ZRM scores (zrm_score.evaluatie_id) and the next
-- date.
CREATE TABLE evaluatie (
	id           INTEGER PRIMARY KEY,
	plan_id      INTEGER NOT NULL REFERENCES plan(id),
	planned_on   TEXT NOT NULL CHECK (planned_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	held_on      TEXT NOT NULL CHECK (held_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	summary      TEXT CHECK (summary IS NULL OR length(summary) <= 5000),
	next_date    TEXT CHECK (next_date IS NULL OR next_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	created_by   INTEGER NOT NULL REFERENCES medewerker(id),
	created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX evaluatie_plan ON evaluatie(plan_id, held_on);

CREATE TABLE evaluatie_doel (
	evaluatie_id INTEGER NOT NULL REFERENCES evaluatie(id),
	doel_id      INTEGER NOT NULL REFERENCES doel(id),
	reached      TEXT NOT NULL CHECK (length(reached) BETWEEN 1 AND 2000),
	status       TEXT NOT NULL CHECK (status IN ('open', 'bezig', 'bereikt', 'deels_bereikt', 'niet_bereikt', 'vervallen')),
	PRIMARY KEY (evaluatie_id, doel_id)
) STRICT, WITHOUT ROWID;

ALTER TABLE zrm_score ADD COLUMN evaluatie_id INTEGER REFERENCES evaluatie(id);
CREATE INDEX zrm_score_evaluatie ON zrm_score(evaluatie_id) WHERE evaluatie_id IS NOT NULL;

-- Moreel beraad: a journal entry of that kind with its participants, the
-- dilemma and the decision, linked to the goal or voorziening it concerns.
CREATE TABLE moreel_beraad (
	journaal_id    INTEGER PRIMARY KEY REFERENCES journaal(id),
	participants   TEXT NOT NULL CHECK (length(participants) BETWEEN 1 AND 1000),
	dilemma        TEXT NOT NULL CHECK (length(dilemma) BETWEEN 1 AND 5000),
	decision       TEXT NOT NULL CHECK (length(decision) BETWEEN 1 AND 5000),
	doel_id        INTEGER REFERENCES doel(id),
	voorziening_id INTEGER REFERENCES voorziening(id)
) STRICT;
CREATE INDEX moreel_beraad_doel ON moreel_beraad(doel_id) WHERE doel_id IS NOT NULL;
CREATE INDEX moreel_beraad_voorziening ON moreel_beraad(voorziening_id) WHERE voorziening_id IS NOT NULL;
