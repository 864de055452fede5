-- Caseload and capacity (issue 16 item 6): the caseload norm per role,
-- set per team by its teamleider: how many households, counted by weight
-- (src/db/bezetting.c), one full-time employee in that role carries.  A
-- team without a row uses the defaults in the code (35 for a consulent,
-- 25 for a gebiedsteam member).
CREATE TABLE team_norm (
	team_id    INTEGER NOT NULL REFERENCES team(id),
	rol        TEXT NOT NULL CHECK (rol IN ('consulent', 'gebiedsteam')),
	norm       INTEGER NOT NULL CHECK (norm BETWEEN 5 AND 200),
	updated_by INTEGER REFERENCES medewerker(id),
	updated_at INTEGER,
	PRIMARY KEY (team_id, rol)
) STRICT, WITHOUT ROWID;
