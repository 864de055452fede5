-- Meldingen on Mijn werk (issue 12 item 6): what a person should not miss
-- (a new veiligheidszorg in her households or team, an aanmelding handed to
-- her, a handover of the regie, an agreement of hers overdue, a legal term
-- due within a week or overdue) is derived from the tables it is about
-- (src/db/melding.c); only who read which one is stored here.  Kind and
-- object id name a melding: 'veiligheidszorg' (veiligheidszorg.id),
-- 'toegewezen' (aanmelding.id), 'overdracht' (regie_toewijzing.id),
-- 'afspraak' (afspraak.id), 'termijn_week' and 'termijn_verlopen'
-- (aanmelding.id).  No personal data: ids and a time.
CREATE TABLE melding_gelezen (
	medewerker_id INTEGER NOT NULL REFERENCES medewerker(id),
	soort         TEXT NOT NULL CHECK (soort IN ('veiligheidszorg', 'toegewezen', 'overdracht', 'afspraak',
	                                             'termijn_week', 'termijn_verlopen')),
	object_id     INTEGER NOT NULL,
	gelezen_at    INTEGER NOT NULL,
	PRIMARY KEY (medewerker_id, soort, object_id)
) STRICT, WITHOUT ROWID;

-- Who made the behandelaar the behandelaar: herself (Oppakken) or a
-- teamleider who handed it to her.  Only a handed one is a melding.
ALTER TABLE aanmelding ADD COLUMN behandelaar_door INTEGER REFERENCES medewerker(id);
UPDATE aanmelding SET behandelaar_door = behandelaar_id WHERE behandelaar_id IS NOT NULL;

-- Handovers to me: the meldingen and Mijn werk ask by recipient.
CREATE INDEX regie_toewijzing_to ON regie_toewijzing(to_id, at);
