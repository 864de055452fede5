-- Employees become editable by the beheerder (name, e-mail, roles, team,
-- expertises): two beheerders saving the same account at once must not
-- overwrite each other unseen, so the row carries a version and who last
-- changed it, like the other records two people may edit.
ALTER TABLE medewerker ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE medewerker ADD COLUMN updated_by INTEGER REFERENCES medewerker(id);
ALTER TABLE medewerker ADD COLUMN updated_at INTEGER;
