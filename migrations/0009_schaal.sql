-- Indexes found by make bench at 100,000 households (docs/performance.md).

-- Mijn werk: the open agreements an employee carries themselves.
CREATE INDEX afspraak_medewerker ON afspraak(medewerker_id) WHERE medewerker_id IS NOT NULL;

-- Mijn werk: the last sign-ins of one employee, without walking through
-- every view they made.
CREATE INDEX audit_logins ON audit(medewerker_id, at) WHERE action IN ('login', 'login.failed');

-- The dashboard's throughput and outflow per month read these dates by range.
CREATE INDEX huishouden_intake_on ON huishouden(intake_on) WHERE intake_on IS NOT NULL;
CREATE INDEX huishouden_plan_vastgesteld_on ON huishouden(plan_vastgesteld_on) WHERE plan_vastgesteld_on IS NOT NULL;
CREATE INDEX huishouden_closed ON huishouden(closed_at) WHERE status = 'afgesloten';
