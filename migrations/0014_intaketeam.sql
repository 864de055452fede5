-- The queue belongs to the team that works it (DESIGN.md section 4).
--
-- While a household has no acting regisseur, its contents are open to the
-- employees of the team that covers its gebied, and that team may take the
-- regie and build the casusteam.  The beheerder links each gebied to a team
-- and names one team the central intake team, for households without a
-- gebied (or whose gebied has no team yet).  Registering an aanmelding
-- grants nothing by itself any more (src/access.c).
ALTER TABLE gebied ADD COLUMN team_id INTEGER REFERENCES team(id);
CREATE INDEX gebied_team ON gebied(team_id) WHERE team_id IS NOT NULL;

ALTER TABLE team ADD COLUMN centrale_intake INTEGER NOT NULL DEFAULT 0
	CHECK (centrale_intake IN (0, 1));
-- At most one central intake team.
CREATE UNIQUE INDEX team_centrale_intake ON team(centrale_intake) WHERE centrale_intake = 1;
