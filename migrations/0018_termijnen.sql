-- Legal deadlines on every request (issue 12): whether an aanmelding is a
-- melding (Wmo 2015: onderzoek within six weeks), an aanvraag (Wmo:
-- beschikking within two weeks after the aanvraag; Jeugdwet and
-- Participatiewet: decision within eight weeks) or a vraag without legal
-- term; the date the aanvraag was received; an agreed extension and its
-- reason.  The rule per kind lives in one table in src/termijn.c.
ALTER TABLE aanmelding ADD COLUMN soort TEXT NOT NULL DEFAULT 'vraag'
	CHECK (soort IN ('vraag', 'melding_wmo', 'aanvraag_wmo', 'aanvraag_jeugd', 'aanvraag_participatie'));
ALTER TABLE aanmelding ADD COLUMN aanvraag_ontvangen TEXT
	CHECK (aanvraag_ontvangen IS NULL OR length(aanvraag_ontvangen) = 10);
ALTER TABLE aanmelding ADD COLUMN verlenging_dagen INTEGER NOT NULL DEFAULT 0
	CHECK (verlenging_dagen BETWEEN 0 AND 365);
ALTER TABLE aanmelding ADD COLUMN verlenging_reden TEXT
	CHECK (verlenging_reden IS NULL OR length(verlenging_reden) <= 2000);
