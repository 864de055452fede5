-- The meldingen count in the header of every page asks for the open
-- agreements of one employee past their date.  afspraak_medewerker alone
-- makes that walk every agreement the employee carries (8,399 for the
-- bench's teamleider, 2 ms a page, a quarter of the household page's
-- throughput); with the date in the index it is a range of the overdue
-- ones only (docs/performance.md).
CREATE INDEX afspraak_medewerker_open ON afspraak(medewerker_id, due_date)
	WHERE done_on IS NULL AND medewerker_id IS NOT NULL;
