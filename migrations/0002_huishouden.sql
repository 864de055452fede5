-- The integral counter: households, persons, their network, requests
-- (aanmeldingen), intakes with ZRM scores, regie and casusteam, the
-- journal, consent, access by exception and API tokens.
--
-- Records that two employees may edit at once carry a version number; an
-- UPDATE names the version it read and changes nothing when another save
-- came first.

CREATE TABLE huishouden (
	id            INTEGER PRIMARY KEY,
	street        TEXT NOT NULL CHECK (length(street) BETWEEN 1 AND 200),
	house_number  INTEGER NOT NULL CHECK (house_number BETWEEN 1 AND 99999),
	house_suffix  TEXT CHECK (house_suffix IS NULL OR length(house_suffix) BETWEEN 1 AND 10),
	postcode      TEXT NOT NULL CHECK (postcode GLOB '[1-9][0-9][0-9][0-9] [A-Z][A-Z]'),
	city          TEXT NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
	gebied_id     INTEGER REFERENCES gebied(id),
	regisseur_id  INTEGER REFERENCES medewerker(id),
	status        TEXT NOT NULL DEFAULT 'aangemeld'
	                   CHECK (status IN ('aangemeld', 'in_behandeling', 'plan_actief', 'afgesloten')),
	opened_at     INTEGER NOT NULL,
	closed_at     INTEGER,
	updated_by    INTEGER REFERENCES medewerker(id),
	updated_at    INTEGER,
	version       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX huishouden_address ON huishouden(postcode, house_number);
CREATE INDEX huishouden_regisseur ON huishouden(regisseur_id, status);

-- bsn: 9 digits passing the 11-proef (checked by the application); never
-- shown in a URL, a title or a log line.
CREATE TABLE persoon (
	id            INTEGER PRIMARY KEY,
	huishouden_id INTEGER NOT NULL REFERENCES huishouden(id),
	bsn           TEXT UNIQUE CHECK (bsn IS NULL OR (length(bsn) = 9 AND bsn NOT GLOB '*[^0-9]*')),
	first_name    TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
	name_prefix   TEXT CHECK (name_prefix IS NULL OR length(name_prefix) BETWEEN 1 AND 20),
	last_name     TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
	birth_date    TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	role          TEXT NOT NULL CHECK (role IN ('ouder', 'partner', 'kind', 'overig')),
	phone         TEXT CHECK (phone IS NULL OR length(phone) <= 30),
	email         TEXT CHECK (email IS NULL OR length(email) <= 200),
	updated_by    INTEGER REFERENCES medewerker(id),
	updated_at    INTEGER,
	version       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX persoon_huishouden ON persoon(huishouden_id);
CREATE INDEX persoon_birth ON persoon(birth_date, last_name);

-- Search terms per person, lower-case with accents folded ("zoë" ->
-- "zoe"): the last name with and without its prefix, the first name and
-- the full name, so a prefix range on term finds "vries", "de vries",
-- "jan" and "jan de vries".
CREATE TABLE persoon_zoekterm (
	term       TEXT NOT NULL,
	persoon_id INTEGER NOT NULL REFERENCES persoon(id) ON DELETE CASCADE,
	PRIMARY KEY (term, persoon_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX persoon_zoekterm_persoon ON persoon_zoekterm(persoon_id);

CREATE TABLE netwerklid (
	id            INTEGER PRIMARY KEY,
	huishouden_id INTEGER NOT NULL REFERENCES huishouden(id),
	name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	relation      TEXT NOT NULL CHECK (relation IN ('familie', 'buren', 'vrienden', 'vrijwilliger',
	                                                'mantelzorger', 'werkgever', 'professional')),
	circle        TEXT NOT NULL CHECK (circle IN ('nabije_omgeving', 'informeel_netwerk',
	                                              'georganiseerde_vrijwillige_ondersteuning', 'professional')),
	can_do        TEXT CHECK (can_do IS NULL OR length(can_do) <= 2000),
	phone         TEXT CHECK (phone IS NULL OR length(phone) <= 30),
	updated_by    INTEGER REFERENCES medewerker(id),
	updated_at    INTEGER,
	version       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX netwerklid_huishouden ON netwerklid(huishouden_id);

CREATE TABLE aanmelding (
	id             INTEGER PRIMARY KEY,
	huishouden_id  INTEGER NOT NULL REFERENCES huishouden(id),
	persoon_id     INTEGER REFERENCES persoon(id),
	channel        TEXT NOT NULL CHECK (channel IN ('inwoner_zelf', 'voorliggend_veld', 'verwijzer', 'vindplaats')),
	referrer_kind  TEXT CHECK (referrer_kind IS NULL OR referrer_kind IN ('huisarts', 'school', 'politie', 'wijkverpleging', 'anders')),
	referrer_org   TEXT CHECK (referrer_org IS NULL OR length(referrer_org) <= 200),
	medium         TEXT NOT NULL CHECK (medium IN ('digitaal', 'telefoon', 'balie', 'spreekuur')),
	question       TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 5000),
	urgency        TEXT NOT NULL CHECK (urgency IN ('normaal', 'hoog', 'crisis')),
	safety_concern INTEGER NOT NULL CHECK (safety_concern IN (0, 1)),
	status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_behandeling', 'afgesloten')),
	received_at    INTEGER NOT NULL,
	created_by     INTEGER NOT NULL REFERENCES medewerker(id),
	updated_by     INTEGER REFERENCES medewerker(id),
	updated_at     INTEGER,
	version        INTEGER NOT NULL DEFAULT 1,
	CHECK ((channel = 'verwijzer') = (referrer_kind IS NOT NULL))
) STRICT;
-- The queue: open requests, safety concerns first, then urgency, then age.
CREATE INDEX aanmelding_queue ON aanmelding(status, safety_concern DESC, urgency, received_at);
CREATE INDEX aanmelding_huishouden ON aanmelding(huishouden_id);
CREATE INDEX aanmelding_created_by ON aanmelding(created_by, status);

CREATE TABLE intake (
	id               INTEGER PRIMARY KEY,
	huishouden_id    INTEGER NOT NULL REFERENCES huishouden(id),
	held_on          TEXT NOT NULL CHECK (held_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	question_behind  TEXT NOT NULL CHECK (length(question_behind) BETWEEN 1 AND 5000),
	strengths        TEXT CHECK (strengths IS NULL OR length(strengths) <= 5000),
	safety_concern   INTEGER NOT NULL CHECK (safety_concern IN (0, 1)),
	safety_note      TEXT CHECK (safety_note IS NULL OR length(safety_note) <= 2000),
	created_by       INTEGER NOT NULL REFERENCES medewerker(id),
	created_at       INTEGER NOT NULL,
	updated_by       INTEGER REFERENCES medewerker(id),
	updated_at       INTEGER,
	version          INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX intake_huishouden ON intake(huishouden_id, held_on);

-- Who joined the conversation: a member of the household, a network
-- member the resident brought, or an employee.  Exactly one is set.
CREATE TABLE intake_deelnemer (
	id            INTEGER PRIMARY KEY,
	intake_id     INTEGER NOT NULL REFERENCES intake(id),
	persoon_id    INTEGER REFERENCES persoon(id),
	netwerklid_id INTEGER REFERENCES netwerklid(id),
	medewerker_id INTEGER REFERENCES medewerker(id),
	CHECK ((persoon_id IS NOT NULL) + (netwerklid_id IS NOT NULL) + (medewerker_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX intake_deelnemer_intake ON intake_deelnemer(intake_id);

CREATE TABLE intake_expertise (
	intake_id    INTEGER NOT NULL REFERENCES intake(id),
	expertise_id INTEGER NOT NULL REFERENCES expertise(id),
	PRIMARY KEY (intake_id, expertise_id)
) STRICT, WITHOUT ROWID;

-- Zelfredzaamheid-Matrix scores: one row per person, domain and date,
-- never overwritten, so progress between intake and evaluations shows.
CREATE TABLE zrm_score (
	id          INTEGER PRIMARY KEY,
	persoon_id  INTEGER NOT NULL REFERENCES persoon(id),
	domain      TEXT NOT NULL CHECK (domain IN ('financien', 'werk_en_opleiding', 'tijdsbesteding',
	                'huisvesting', 'huiselijke_relaties', 'geestelijke_gezondheid',
	                'lichamelijke_gezondheid', 'middelengebruik', 'basale_adl', 'instrumentele_adl',
	                'sociaal_netwerk', 'maatschappelijke_participatie', 'justitie')),
	score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	scored_on   TEXT NOT NULL CHECK (scored_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	intake_id   INTEGER REFERENCES intake(id),
	created_by  INTEGER NOT NULL REFERENCES medewerker(id),
	created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX zrm_score_persoon ON zrm_score(persoon_id, domain, scored_on);

-- Regie history: the household's regisseur_id is the current one.
CREATE TABLE regie_toewijzing (
	id            INTEGER PRIMARY KEY,
	huishouden_id INTEGER NOT NULL REFERENCES huishouden(id),
	from_id       INTEGER REFERENCES medewerker(id),
	to_id         INTEGER NOT NULL REFERENCES medewerker(id),
	by_id         INTEGER NOT NULL REFERENCES medewerker(id),
	at            INTEGER NOT NULL,
	reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
	handover_note TEXT CHECK (handover_note IS NULL OR length(handover_note) <= 5000)
) STRICT;
CREATE INDEX regie_toewijzing_huishouden ON regie_toewijzing(huishouden_id, at);

CREATE TABLE casusteam (
	huishouden_id INTEGER NOT NULL REFERENCES huishouden(id),
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	added_by      INTEGER NOT NULL REFERENCES medewerker(id),
	added_at      INTEGER NOT NULL,
	PRIMARY KEY (huishouden_id, medewerker_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX casusteam_medewerker ON casusteam(medewerker_id);

CREATE TABLE journaal (
	id            INTEGER PRIMARY KEY,
	huishouden_id INTEGER NOT NULL REFERENCES huishouden(id),
	kind          TEXT NOT NULL CHECK (kind IN ('gesprek', 'huisbezoek', 'telefoon', 'overleg',
	                                            'moreel_beraad', 'warme_overdracht')),
	entry_date    TEXT NOT NULL CHECK (entry_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	body          TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
	author_id     INTEGER NOT NULL REFERENCES medewerker(id),
	created_at    INTEGER NOT NULL,
	edited_by     INTEGER REFERENCES medewerker(id),
	edited_at     INTEGER,
	version       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX journaal_huishouden ON journaal(huishouden_id, entry_date DESC, id DESC);

-- Earlier versions of journal entries, kept readable after an edit.
CREATE TABLE journaal_versie (
	id          INTEGER PRIMARY KEY,
	journaal_id INTEGER NOT NULL REFERENCES journaal(id),
	version     INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	entry_date  TEXT NOT NULL,
	body        TEXT NOT NULL,
	saved_by    INTEGER NOT NULL REFERENCES medewerker(id),
	saved_at    INTEGER NOT NULL,
	UNIQUE (journaal_id, version)
) STRICT;

CREATE TABLE toestemming (
	id           INTEGER PRIMARY KEY,
	persoon_id   INTEGER NOT NULL REFERENCES persoon(id),
	party        TEXT NOT NULL CHECK (length(party) BETWEEN 1 AND 300),
	given_on     TEXT NOT NULL CHECK (given_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	withdrawn_on TEXT CHECK (withdrawn_on IS NULL OR withdrawn_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	recorded_how TEXT NOT NULL CHECK (recorded_how IN ('schriftelijk', 'mondeling', 'digitaal')),
	recorded_by  INTEGER NOT NULL REFERENCES medewerker(id),
	updated_by   INTEGER REFERENCES medewerker(id),
	updated_at   INTEGER,
	version      INTEGER NOT NULL DEFAULT 1,
	CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
) STRICT;
CREATE INDEX toestemming_persoon ON toestemming(persoon_id);

-- Access by exception: an employee without a role in the household opened
-- it with a stated reason.  Valid until expires_at; listed for the
-- regisseur.
CREATE TABLE toegang_uitzondering (
	id            INTEGER PRIMARY KEY,
	huishouden_id INTEGER NOT NULL REFERENCES huishouden(id),
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 10 AND 2000),
	granted_at    INTEGER NOT NULL,
	expires_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX toegang_uitzondering_lookup ON toegang_uitzondering(medewerker_id, huishouden_id, expires_at);
CREATE INDEX toegang_uitzondering_huishouden ON toegang_uitzondering(huishouden_id, granted_at);

-- API bearer tokens issued by the beheerder; only the hash is stored.  The
-- token acts as the employee it was issued for.
CREATE TABLE api_token (
	id            INTEGER PRIMARY KEY,
	token_hash    BLOB NOT NULL UNIQUE,
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	created_by    INTEGER NOT NULL REFERENCES medewerker(id),
	created_at    INTEGER NOT NULL,
	revoked_at    INTEGER
) STRICT;
