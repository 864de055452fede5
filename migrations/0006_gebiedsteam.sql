-- The neighbourhood and the steering around it (issue 5): locations and
-- recurring spreekuren with who staffs them, walk-ins (bezoeken), early
-- signals (signalen), retention periods per legal basis and the figures of
-- purged households that the dashboard keeps counting.

-- Where a gebiedsteam holds its spreekuren.  Maintained by the beheerder.
CREATE TABLE locatie (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	kind       TEXT NOT NULL CHECK (kind IN ('huisarts', 'school', 'seniorencentrum', 'voedselbank', 'buurthuis')),
	gebied_id  INTEGER NOT NULL REFERENCES gebied(id),
	address    TEXT CHECK (address IS NULL OR length(address) <= 200),
	active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	version    INTEGER NOT NULL DEFAULT 1,
	UNIQUE (name, gebied_id)
) STRICT;

-- A weekly spreekuur: ISO weekday (1 maandag .. 7 zondag), local times
-- "HH:MM", valid from a date and, when it stops, until a date.
CREATE TABLE spreekuur (
	id          INTEGER PRIMARY KEY,
	locatie_id  INTEGER NOT NULL REFERENCES locatie(id),
	weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	start_time  TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
	end_time    TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
	valid_from  TEXT NOT NULL CHECK (valid_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	valid_until TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_by  INTEGER NOT NULL REFERENCES medewerker(id),
	created_at  INTEGER NOT NULL,
	updated_by  INTEGER REFERENCES medewerker(id),
	updated_at  INTEGER,
	version     INTEGER NOT NULL DEFAULT 1,
	CHECK (end_time > start_time),
	CHECK (valid_until IS NULL OR valid_until >= valid_from)
) STRICT;
CREATE INDEX spreekuur_locatie ON spreekuur(locatie_id);

-- Who staffs a spreekuur.
CREATE TABLE spreekuur_medewerker (
	spreekuur_id  INTEGER NOT NULL REFERENCES spreekuur(id),
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	PRIMARY KEY (spreekuur_id, medewerker_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX spreekuur_medewerker_medewerker ON spreekuur_medewerker(medewerker_id);

-- A walk-in at a spreekuur, registered with only the essentials: a name
-- (NULL when the visitor stays anonymous), the question, how to reach them
-- and whether they agree to follow-up.  It ends as an aanmelding, as
-- "informatie gegeven" or as "doorverwezen" to the sociale kaart.
CREATE TABLE bezoek (
	id                INTEGER PRIMARY KEY,
	spreekuur_id      INTEGER NOT NULL REFERENCES spreekuur(id),
	visit_date        TEXT NOT NULL CHECK (visit_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	visitor_name      TEXT CHECK (visitor_name IS NULL OR length(visitor_name) BETWEEN 1 AND 200),
	question          TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
	contact           TEXT CHECK (contact IS NULL OR length(contact) <= 200),
	consent_follow_up INTEGER NOT NULL CHECK (consent_follow_up IN (0, 1)),
	huishouden_id     INTEGER REFERENCES huishouden(id),
	outcome           TEXT NOT NULL DEFAULT 'open'
	                       CHECK (outcome IN ('open', 'aanmelding', 'informatie_gegeven', 'doorverwezen')),
	aanmelding_id     INTEGER REFERENCES aanmelding(id),
	sociale_kaart_id  INTEGER REFERENCES sociale_kaart(id),
	outcome_note      TEXT CHECK (outcome_note IS NULL OR length(outcome_note) <= 2000),
	created_by        INTEGER NOT NULL REFERENCES medewerker(id),
	created_at        INTEGER NOT NULL,
	updated_by        INTEGER REFERENCES medewerker(id),
	updated_at        INTEGER,
	version           INTEGER NOT NULL DEFAULT 1,
	CHECK ((outcome = 'aanmelding') = (aanmelding_id IS NOT NULL)),
	CHECK ((outcome = 'doorverwezen') = (sociale_kaart_id IS NOT NULL))
) STRICT;
CREATE INDEX bezoek_spreekuur ON bezoek(spreekuur_id, visit_date);
CREATE INDEX bezoek_huishouden ON bezoek(huishouden_id) WHERE huishouden_id IS NOT NULL;
CREATE INDEX bezoek_created_by ON bezoek(created_by, created_at);

-- An early signal (vroegsignalering) from a partner or a neighbour, maybe
-- about someone not known yet: "about" describes whom in the reporter's
-- words until huishouden_id links it.  Worked through a queue.
CREATE TABLE signaal (
	id             INTEGER PRIMARY KEY,
	source_kind    TEXT NOT NULL CHECK (source_kind IN ('buren', 'inwoner', 'huisarts', 'school', 'politie',
	                    'woningcorporatie', 'voedselbank', 'wijkverpleging', 'schuldeiser', 'anders')),
	source_name    TEXT CHECK (source_name IS NULL OR length(source_name) <= 200),
	about          TEXT NOT NULL CHECK (length(about) BETWEEN 1 AND 500),
	concern        TEXT NOT NULL CHECK (length(concern) BETWEEN 1 AND 5000),
	gebied_id      INTEGER REFERENCES gebied(id),
	safety_concern INTEGER NOT NULL CHECK (safety_concern IN (0, 1)),
	huishouden_id  INTEGER REFERENCES huishouden(id),
	bezoek_id      INTEGER REFERENCES bezoek(id),
	status         TEXT NOT NULL DEFAULT 'nieuw'
	                    CHECK (status IN ('nieuw', 'in_onderzoek', 'aanmelding', 'afgesloten')),
	assigned_to    INTEGER REFERENCES medewerker(id),
	follow_up      TEXT CHECK (follow_up IS NULL OR length(follow_up) <= 5000),
	aanmelding_id  INTEGER REFERENCES aanmelding(id),
	received_at    INTEGER NOT NULL,
	created_by     INTEGER NOT NULL REFERENCES medewerker(id),
	updated_by     INTEGER REFERENCES medewerker(id),
	updated_at     INTEGER,
	version        INTEGER NOT NULL DEFAULT 1,
	CHECK ((status = 'aanmelding') = (aanmelding_id IS NOT NULL))
) STRICT;
CREATE INDEX signaal_queue ON signaal(status, safety_concern DESC, received_at);
CREATE INDEX signaal_huishouden ON signaal(huishouden_id) WHERE huishouden_id IS NOT NULL;
CREATE INDEX signaal_bezoek ON signaal(bezoek_id) WHERE bezoek_id IS NOT NULL;

-- Retention in years after a household was closed, per legal basis of its
-- voorzieningen ('geen': a household that never had one).  The longest
-- period among a household's voorzieningen applies.  Set by the privacy
-- officer; the defaults are a starting point for municipal policy.
CREATE TABLE bewaartermijn (
	legal_basis TEXT PRIMARY KEY CHECK (legal_basis IN ('wmo2015', 'jeugdwet', 'participatiewet', 'overig', 'geen')),
	years       INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
	updated_by  INTEGER REFERENCES medewerker(id),
	updated_at  INTEGER
) STRICT;
INSERT INTO bewaartermijn (legal_basis, years) VALUES
	('jeugdwet', 20), ('wmo2015', 15), ('participatiewet', 10), ('overig', 10), ('geen', 2);

-- What the dashboard needs of a household after its personal data was
-- purged, written in the purge's transaction: no names, no addresses, no
-- free text.  Dates are "YYYY-MM-DD" in local time, NULL when the step
-- never happened.  team_id is the team of the last regisseur.
CREATE TABLE statistiek_archief (
	id                  INTEGER PRIMARY KEY,
	team_id             INTEGER REFERENCES team(id),
	gebied_id           INTEGER REFERENCES gebied(id),
	aangemeld_on        TEXT NOT NULL CHECK (aangemeld_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	intake_on           TEXT CHECK (intake_on IS NULL OR intake_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	plan_vastgesteld_on TEXT CHECK (plan_vastgesteld_on IS NULL OR plan_vastgesteld_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	closed_on           TEXT NOT NULL CHECK (closed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	close_reason        TEXT NOT NULL CHECK (close_reason IN ('doel_bereikt', 'uitstroom_lichter', 'verhuisd',
	                         'overleden', 'anders')),
	purged_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX statistiek_archief_closed ON statistiek_archief(closed_on);

-- The dashboard's lists by step and period.
CREATE INDEX huishouden_status ON huishouden(status, closed_at);
CREATE INDEX aanmelding_received ON aanmelding(received_at);

-- Outflow counts closed households by reason, also those closed before a
-- plan existed; until now only the plan kept the reason.
ALTER TABLE huishouden ADD COLUMN close_reason TEXT CHECK (close_reason IS NULL OR close_reason IN
	('doel_bereikt', 'uitstroom_lichter', 'verhuisd', 'overleden', 'anders'));
UPDATE huishouden SET close_reason = coalesce((SELECT p.close_reason FROM plan p WHERE p.huishouden_id = huishouden.id), 'anders')
 WHERE status = 'afgesloten';

-- The steps of a household's way through, kept on the household so the
-- dashboard reads one row per household: the first intake and the first
-- time its plan was vastgesteld (later versions do not move it).  Filled
-- in from what is there for households that went through before.
ALTER TABLE huishouden ADD COLUMN intake_on TEXT
	CHECK (intake_on IS NULL OR intake_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE huishouden ADD COLUMN plan_vastgesteld_on TEXT
	CHECK (plan_vastgesteld_on IS NULL OR plan_vastgesteld_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
UPDATE huishouden SET intake_on = (SELECT min(i.held_on) FROM intake i WHERE i.huishouden_id = huishouden.id);
UPDATE huishouden SET plan_vastgesteld_on = (
	SELECT min(d) FROM (SELECT p.agreed_on AS d FROM plan p WHERE p.huishouden_id = huishouden.id
	                    UNION ALL
	                    SELECT json_extract(v.snapshot, '$.akkoord_op') FROM plan_versie v JOIN plan p ON p.id = v.plan_id
	                     WHERE p.huishouden_id = huishouden.id));

-- One row per household with the figures the dashboard counts; the
-- purge copies a household's row into statistiek_archief before it
-- removes the household, and the dashboard reads both.  aangemeld_on is
-- the day the household was registered (its first aanmelding).
CREATE VIEW statistiek_live AS
SELECT h.id AS huishouden_id, m.team_id AS team_id, h.gebied_id AS gebied_id,
       date(h.opened_at, 'unixepoch', 'localtime') AS aangemeld_on,
       h.intake_on AS intake_on, h.plan_vastgesteld_on AS plan_vastgesteld_on,
       CASE WHEN h.status = 'afgesloten' THEN date(h.closed_at, 'unixepoch', 'localtime') END AS closed_on,
       h.close_reason AS close_reason, h.status AS status, h.regisseur_id AS regisseur_id
  FROM huishouden h LEFT JOIN medewerker m ON m.id = h.regisseur_id;
