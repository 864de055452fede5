-- Signals for the teamleider (issue 16 item 4): when a provider's or a
-- product's new clients this month count as a sharp rise, set per team:
-- more than groei_procent above the average of the three months before,
-- and at least groei_minimum clients.  A team without a row uses 25% and 5.
CREATE TABLE team_signaal (
	team_id        INTEGER PRIMARY KEY REFERENCES team(id),
	groei_procent  INTEGER NOT NULL CHECK (groei_procent BETWEEN 5 AND 500),
	groei_minimum  INTEGER NOT NULL CHECK (groei_minimum BETWEEN 1 AND 100),
	updated_by     INTEGER REFERENCES medewerker(id),
	updated_at     INTEGER
) STRICT;
