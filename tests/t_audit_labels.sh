#!/bin/sh
# Every audit action the code names has a Dutch label on the privacy
# officer's page (the table in src/audit_labels.c), so the log never shows a bare
# code.  Actions are the "name.verb" string literals in src/, less header
# names, SQL column references ("a.due_date"), a JSON field path and the
# dashboard export's column keys ("intake_plan.mediaan").
cd "$(dirname "$0")/.."
table=src/audit_labels.c
actions=$(grep -rhoE '"[a-z_]+\.[a-z_]+"' src --include=*.c | tr -d '"' |
	grep -vE '\.(h|db)$|^[a-z]\.|^huishouden\.personen$|\.(aantal|mediaan|p90)$' | sort -u)
n=0
for a in $actions; do
	n=$((n + 1))
	if grep -qF "{\"$a\", \"" "$table"; then
		echo "ok - audit action $a has a Dutch label"
	else
		echo "not ok - audit action $a has no label in $table"
	fi
done
# Actions built at run time from a list's type ("%s.list" etc.).
for t in aanbieder sociale_kaart product; do
	for v in list form view create update; do
		grep -qF "{\"$t.$v\", \"" "$table" && echo "ok - audit action $t.$v has a Dutch label" ||
			echo "not ok - audit action $t.$v has no label in $table"
	done
done
[ "$n" -gt 100 ] && echo "ok - found $n audit actions in src/" || echo "not ok - only $n audit actions found: the pattern is stale"
