-- Berichtenverkeer with providers in iWmo and iJw 3.2 (issue 14).  See
-- docs/berichtenverkeer.md for how our fields map to the messages.

-- 1. What the messages say about a client: geslacht (COD046: 0 onbekend,
--    1 man, 2 vrouw), voorletters (derived from the first name when not
--    given), naamgebruik (COD700: 1 eigen naam ... 4 eigen naam gevolgd
--    door die van de partner).  OP003: a regisseur may judge that messages
--    about a client endanger them; the reason is kept here (and audited),
--    and then nothing is sent about that client.
ALTER TABLE persoon ADD COLUMN geslacht TEXT NOT NULL DEFAULT '0' CHECK (geslacht IN ('0', '1', '2'));
ALTER TABLE persoon ADD COLUMN voorletters TEXT
	CHECK (voorletters IS NULL OR (length(voorletters) BETWEEN 1 AND 6 AND voorletters NOT GLOB '*[^A-Za-z]*'));
ALTER TABLE persoon ADD COLUMN naamgebruik TEXT NOT NULL DEFAULT '1' CHECK (naamgebruik IN ('1', '2', '3', '4'));
ALTER TABLE persoon ADD COLUMN geen_berichten TEXT
	CHECK (geen_berichten IS NULL OR length(geen_berichten) BETWEEN 1 AND 1000);

-- 2. Which standard(s) a provider receives; a provider without either gets
--    no messages (the toewijzing goes by letter, as before).
ALTER TABLE aanbieder ADD COLUMN ontvangt_iwmo INTEGER NOT NULL DEFAULT 1 CHECK (ontvangt_iwmo IN (0, 1));
ALTER TABLE aanbieder ADD COLUMN ontvangt_ijw INTEGER NOT NULL DEFAULT 1 CHECK (ontvangt_ijw IN (0, 1));

-- 3. A product's unit (WJ756) and frequency (WMO757) in the standard.  With
--    unit 83 (euro's) a volume is in eurocent.
ALTER TABLE product ADD COLUMN eenheid TEXT NOT NULL DEFAULT '04'
	CHECK (eenheid IN ('01', '04', '14', '16', '82', '83', '84'));
ALTER TABLE product ADD COLUMN frequentie TEXT NOT NULL DEFAULT '2' CHECK (frequentie IN ('1', '2', '4', '6'));

-- 4. A provider's contract per product: the tariff per unit in cents for a
--    period.  A declaration is checked against it (retourcode 0611).
CREATE TABLE aanbieder_contract (
	id           INTEGER PRIMARY KEY,
	aanbieder_id INTEGER NOT NULL REFERENCES aanbieder(id),
	product_id   INTEGER NOT NULL REFERENCES product(id),
	tarief_cents INTEGER NOT NULL CHECK (tarief_cents BETWEEN 0 AND 99999999),
	eenheid      TEXT NOT NULL CHECK (eenheid IN ('01', '04', '14', '16', '82', '83', '84')),
	van          TEXT NOT NULL CHECK (van GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	tot          TEXT CHECK (tot IS NULL OR tot GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CHECK (tot IS NULL OR tot >= van),
	UNIQUE (aanbieder_id, product_id, van)
) STRICT;

-- 5. Numbers that never go back: ToewijzingNummer and the identification of
--    our messages.  A purged household takes its rows with it, never the
--    counter, so a number is never given twice.
CREATE TABLE teller (
	naam   TEXT PRIMARY KEY CHECK (naam IN ('toewijzing', 'bericht')),
	waarde INTEGER NOT NULL CHECK (waarde >= 0)
) STRICT;
INSERT INTO teller(naam, waarde) VALUES ('toewijzing', 0), ('bericht', 0);

-- 6. A toewijzing as the provider knows it: one ToewijzingNummer, what was
--    granted under it and until when.  A voorziening has one current
--    toewijzing; a change of product, volume, unit, frequency, start or
--    provider ends it and starts a new one under a new number; a change of
--    only the end date keeps the number (RedenWijziging).  "gewijzigd" is 1
--    until a 301 has carried the change (OP087).
CREATE TABLE toewijzing (
	id               INTEGER PRIMARY KEY,
	nummer           INTEGER NOT NULL UNIQUE CHECK (nummer BETWEEN 1 AND 999999999),
	voorziening_id   INTEGER NOT NULL REFERENCES voorziening(id),
	persoon_id       INTEGER NOT NULL REFERENCES persoon(id),
	aanbieder_id     INTEGER NOT NULL REFERENCES aanbieder(id),
	standaard        TEXT NOT NULL CHECK (standaard IN ('iwmo', 'ijw')),
	categorie        TEXT NOT NULL CHECK (categorie GLOB '[0-9][0-9]'),
	code             TEXT NOT NULL CHECK (length(code) = 5),
	ingangsdatum     TEXT NOT NULL CHECK (ingangsdatum GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	einddatum        TEXT NOT NULL CHECK (einddatum GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	volume           INTEGER NOT NULL CHECK (volume BETWEEN 0 AND 99999999),
	eenheid          TEXT NOT NULL,
	frequentie       TEXT NOT NULL,
	toewijzingsdatum TEXT NOT NULL,
	toewijzingstijd  TEXT NOT NULL,
	reden_wijziging  TEXT CHECK (reden_wijziging IS NULL OR reden_wijziging GLOB '[0-9][0-9]'),
	referentie_aanbieder TEXT CHECK (referentie_aanbieder IS NULL OR length(referentie_aanbieder) BETWEEN 1 AND 36),
	actueel          INTEGER NOT NULL DEFAULT 1 CHECK (actueel IN (0, 1)),
	gewijzigd        INTEGER NOT NULL DEFAULT 1 CHECK (gewijzigd IN (0, 1)),
	gestart_op       TEXT,
	gestopt_op       TEXT,
	reden_beeindiging TEXT,
	CHECK (einddatum >= ingangsdatum)
) STRICT;
CREATE INDEX toewijzing_voorziening ON toewijzing(voorziening_id, actueel);
CREATE INDEX toewijzing_client ON toewijzing(persoon_id, aanbieder_id, standaard);

-- 7. Every message out and in, unchanged.  Outgoing: klaar (validated and
--    queued), fout (failed validation: not queued; the findings in
--    "reden"), verzonden (exported), geaccepteerd / afgekeurd (by the
--    provider's retour).  Incoming: verwerkt (applied) or geweigerd (with
--    its reason).  A retour points at the message it answers.  "termijn" is
--    the OP090 date by which our retour on an incoming message is due.
CREATE TABLE bericht (
	id            INTEGER PRIMARY KEY,
	richting      TEXT NOT NULL CHECK (richting IN ('uit', 'in')),
	standaard     TEXT CHECK (standaard IS NULL OR standaard IN ('iwmo', 'ijw')),
	soort         TEXT CHECK (soort IS NULL OR soort GLOB '3[0-9][0-9]'),
	identificatie TEXT,
	dagtekening   TEXT,
	afzender      TEXT,
	ontvanger     TEXT,
	aanbieder_id  INTEGER REFERENCES aanbieder(id),
	persoon_id    INTEGER REFERENCES persoon(id),
	huishouden_id INTEGER REFERENCES huishouden(id),
	antwoord_op   INTEGER REFERENCES bericht(id),
	status        TEXT NOT NULL CHECK (status IN ('klaar', 'fout', 'verzonden', 'geaccepteerd', 'afgekeurd',
	                                              'verwerkt', 'geweigerd')),
	reden         TEXT,
	retourcodes   TEXT,
	bestandsnaam  TEXT CHECK (bestandsnaam IS NULL OR length(bestandsnaam) <= 200),
	xml           BLOB NOT NULL,
	sha256        TEXT NOT NULL,
	termijn       TEXT,
	created_by    INTEGER REFERENCES medewerker(id),
	created_at    INTEGER NOT NULL,
	sent_at       INTEGER
) STRICT;
CREATE UNIQUE INDEX bericht_in_bestand ON bericht(sha256) WHERE richting = 'in';
CREATE INDEX bericht_lijst ON bericht(richting, status, created_at);
CREATE INDEX bericht_persoon ON bericht(persoon_id, aanbieder_id);
CREATE INDEX bericht_antwoord ON bericht(antwoord_op);

-- Which toewijzingen a 301 carried.
CREATE TABLE bericht_toewijzing (
	bericht_id    INTEGER NOT NULL REFERENCES bericht(id) ON DELETE CASCADE,
	toewijzing_id INTEGER NOT NULL REFERENCES toewijzing(id) ON DELETE CASCADE,
	PRIMARY KEY (bericht_id, toewijzing_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX bericht_toewijzing_t ON bericht_toewijzing(toewijzing_id);

-- 8. A provider's request (315 verzoek om toewijzing, 317 verzoek om
--    wijziging), waiting for the regisseur's decision: granted (a 301
--    follows) or refused (a 319 with RedenAfwijzingVerzoek, WJ759).
CREATE TABLE verzoek (
	id              INTEGER PRIMARY KEY,
	bericht_id      INTEGER NOT NULL REFERENCES bericht(id),
	soort           TEXT NOT NULL CHECK (soort IN ('315', '317')),
	persoon_id      INTEGER NOT NULL REFERENCES persoon(id),
	huishouden_id   INTEGER NOT NULL REFERENCES huishouden(id),
	aanbieder_id    INTEGER NOT NULL REFERENCES aanbieder(id),
	referentie      TEXT NOT NULL,
	inhoud          TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'toegekend', 'afgewezen')),
	reden_afwijzing TEXT CHECK (reden_afwijzing IS NULL OR reden_afwijzing GLOB '[1-9]'),
	toelichting     TEXT CHECK (toelichting IS NULL OR length(toelichting) <= 2000),
	beslist_door    INTEGER REFERENCES medewerker(id),
	beslist_at      INTEGER,
	created_at      INTEGER NOT NULL,
	version         INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX verzoek_open ON verzoek(status, huishouden_id);

-- 9. A declaration (323) per prestatie, with our judgement (retourcodes,
--    0200 when approved).
CREATE TABLE declaratie_prestatie (
	id               INTEGER PRIMARY KEY,
	bericht_id       INTEGER NOT NULL REFERENCES bericht(id),
	toewijzing_id    INTEGER REFERENCES toewijzing(id),
	voorziening_id   INTEGER REFERENCES voorziening(id),
	aanbieder_id     INTEGER REFERENCES aanbieder(id),
	referentie       TEXT NOT NULL,
	begindatum       TEXT NOT NULL,
	einddatum        TEXT NOT NULL,
	volume           INTEGER NOT NULL,
	eenheid          TEXT NOT NULL,
	tarief_cents     INTEGER NOT NULL,
	bedrag_cents     INTEGER NOT NULL,
	goedgekeurd      INTEGER NOT NULL CHECK (goedgekeurd IN (0, 1)),
	retourcodes      TEXT NOT NULL
) STRICT;
CREATE INDEX declaratie_voorziening ON declaratie_prestatie(voorziening_id);
CREATE INDEX declaratie_aanbieder ON declaratie_prestatie(aanbieder_id, goedgekeurd);

-- 10. A request waiting for a decision is a melding for the regisseur.
CREATE TABLE melding_gelezen_0023 (
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	soort         TEXT NOT NULL CHECK (soort IN ('veiligheidszorg', 'toegewezen', 'overdracht', 'afspraak',
	                                             'termijn_week', 'termijn_verlopen', 'verzoek')),
	object_id     INTEGER NOT NULL,
	gelezen_at    INTEGER NOT NULL,
	PRIMARY KEY (medewerker_id, soort, object_id)
) STRICT, WITHOUT ROWID;
INSERT INTO melding_gelezen_0023 SELECT medewerker_id, soort, object_id, gelezen_at FROM melding_gelezen;
DROP TABLE melding_gelezen;
ALTER TABLE melding_gelezen_0023 RENAME TO melding_gelezen;
