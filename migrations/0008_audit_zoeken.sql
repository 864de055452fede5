-- The privacy officer's audit search (issue 5): rows about one person are
-- found by object (object_type 'persoon', object_id), a period by time.
-- The existing indexes cover an employee and a household; without these
-- two a person or a period filter reads the whole log.
CREATE INDEX audit_object ON audit(object_type, object_id, at) WHERE object_id IS NOT NULL;
CREATE INDEX audit_at ON audit(at);
