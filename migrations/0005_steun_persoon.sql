-- "Support the mantelzorger" for a member of the household too: Els de
-- Vries cares for her daughter and her mother while she lives in the
-- household herself (SCENARIOS.md 1).  At most one of supports_netwerklid_id
-- and supports_persoon_id is set; the application checks that.
ALTER TABLE rolgesprek ADD COLUMN supports_persoon_id INTEGER REFERENCES persoon(id);
