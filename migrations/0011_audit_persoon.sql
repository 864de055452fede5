-- Every view of a household added a row to audit_object at a random place
-- (object_type 'huishouden', object_id the household), one more page to
-- write per view next to audit_huishouden, which already finds those rows.
-- The search reads audit_object only for rows about a person, so the index
-- keeps only those.
DROP INDEX audit_object;
CREATE INDEX audit_persoon ON audit(object_id, at) WHERE object_type = 'persoon';
