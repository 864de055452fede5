-- Koppelingen: API tokens belong to a technical account, never to a person.
--
-- A token issued for an employee acted as that employee: a beheerder could
-- issue one for the privacy officer and export inzageverzoeken under her
-- name.  A koppeling is a medewerker row of soort 'koppeling', so audit
-- rows, created_by columns and the access rules keep working unchanged; it
-- has no password (it can never sign in), is never offered as regisseur,
-- casusteam member or colleague, and holds at most the roles consulent and
-- gebiedsteam (docs/security.md says why).
ALTER TABLE medewerker ADD COLUMN soort TEXT NOT NULL DEFAULT 'persoon'
	CHECK (soort IN ('persoon', 'koppeling'));

-- The role limit and the token's owner are checked here as well as in the
-- handlers, so no code path (or SQL typed by hand) can get around them.
CREATE TRIGGER medewerker_koppeling_rollen_insert BEFORE INSERT ON medewerker
WHEN NEW.soort = 'koppeling' AND (NEW.roles & ~3) <> 0
BEGIN SELECT RAISE(ABORT, 'een koppeling heeft alleen de rollen consulent en gebiedsteam'); END;
CREATE TRIGGER medewerker_koppeling_rollen_update BEFORE UPDATE OF roles, soort ON medewerker
WHEN NEW.soort = 'koppeling' AND (NEW.roles & ~3) <> 0
BEGIN SELECT RAISE(ABORT, 'een koppeling heeft alleen de rollen consulent en gebiedsteam'); END;
-- A koppeling's name is what the token list and the audit log show: unique.
CREATE UNIQUE INDEX medewerker_koppeling_naam ON medewerker(name COLLATE NOCASE) WHERE soort = 'koppeling';
CREATE TRIGGER medewerker_soort_vast BEFORE UPDATE OF soort ON medewerker
WHEN NEW.soort <> OLD.soort
BEGIN SELECT RAISE(ABORT, 'de soort van een account verandert niet'); END;

-- Every token expires; the beheerder chooses the date (at most a year).
-- Rows from before this migration get a year from their issue.
ALTER TABLE api_token ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
UPDATE api_token SET expires_at = created_at + 365 * 86400;

CREATE TRIGGER api_token_alleen_koppeling BEFORE INSERT ON api_token
WHEN (SELECT soort FROM medewerker WHERE id = NEW.medewerker_id) IS NOT 'koppeling'
BEGIN SELECT RAISE(ABORT, 'een API-token hoort bij een koppeling'); END;

-- Tokens issued for persons act as that person: they stop now.  The audit
-- chain is computed in C (src/db/audit.c), so the migration marks them
-- (audit_pending = 1) and the server writes one 'api_token.revoke' row per
-- token, with this reason, when it starts (db_api_token_audit_pending).
ALTER TABLE api_token ADD COLUMN revoked_reason TEXT;
ALTER TABLE api_token ADD COLUMN audit_pending INTEGER NOT NULL DEFAULT 0 CHECK (audit_pending IN (0, 1));
UPDATE api_token
SET revoked_at = CAST(strftime('%s', 'now') AS INTEGER),
    revoked_reason = 'migratie 0013: een token hoort bij een koppeling, niet bij een persoon',
    audit_pending = 1
WHERE revoked_at IS NULL
  AND medewerker_id IN (SELECT id FROM medewerker WHERE soort = 'persoon');

-- The privacy officer's list of granted roles (teamleider, beheerder,
-- privacy officer) reads only these rows: a partial index keeps it from
-- scanning the whole log, and costs nothing for any other row.
CREATE INDEX audit_rol_toegekend ON audit(id) WHERE action = 'medewerker.rol_toegekend';
