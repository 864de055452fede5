#!/bin/sh
# t_template_lint.sh - fails when a template emits raw (unescaped) output
# that tests/raw-allowlist.txt does not list.  {{x}} escapes; {{{x}}},
# {{&x}} (with any spacing, even across lines) do not, and {{=a b=}} would
# let a raw tag hide behind other delimiters, so all three need an entry.
set -u
cd "$(dirname "$0")/.." || exit 1

allowlist=tests/raw-allowlist.txt
failed=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# A whole raw tag, and the bare start of one: more starts than whole tags
# means a raw tag the lint cannot read, which is a failure, not a pass.
RAW_TAG='\{\{[[:space:]]*(\{[^}]*\}\}\}|[&=][^}]*\}\})'
RAW_OPEN='\{\{[[:space:]]*[{&=]'

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failed=1; }

# Reads an allowlist; prints "file<TAB>tag" per entry and "!bad<TAB>line"
# for malformed lines.
read_allowlist() {
	[ -f "$1" ] || return 0
	sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' "$1" |
	while IFS= read -r line; do
		case $line in
		*:*) ;;
		*) printf '!bad\t%s\n' "$line"; continue ;;
		esac
		file=$(printf '%s\n' "${line%%:*}" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
		tag=$(printf '%s\n' "${line#*:}" |
			sed -e 's/[[:space:]]#.*$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
		printf '%s\t%s\n' "$file" "$tag"
	done
}

# lint_file PATH ENTRIES: prints one line per problem in PATH (nothing when
# clean).  Newlines become spaces first so a tag split over lines is seen.
lint_file() {
	name=$(basename "$1")
	tr '\n' ' ' <"$1" | grep -o -E "$RAW_TAG" >"$tmp/found"
	opens=$(tr '\n' ' ' <"$1" | grep -o -E "$RAW_OPEN" | wc -l)
	whole=$(wc -l <"$tmp/found")
	if [ "$opens" -ne "$whole" ]; then
		echo "raw tag that is not closed on the same tag (found $opens openings, $whole tags)"
	fi
	awk -F '\t' -v f="$name" '
		FILENAME == ARGV[1] { if ($1 == f) allowed[$2]++; next }
		{ if (allowed[$0] > 0) allowed[$0]--; else print "raw tag " $0 " not in the allowlist" }
		END { for (t in allowed) if (allowed[t] > 0) print "allowlist lists " t " more times than it occurs" }
	' "$2" "$tmp/found"
}

# --- self-test: the lint must catch raw tags, or every pass is vacuous ----
cat >"$tmp/selftest.mustache" <<'TPL'
<p>{{ &one }} and {{{two}}}</p>
<p>{{
  &three}} {{four}} {{! comment }} {{#s}}{{/s}}</p>
TPL
: >"$tmp/empty-allow"
problems=$(lint_file "$tmp/selftest.mustache" "$tmp/empty-allow" | wc -l)
if [ "$problems" -eq 3 ]; then
	ok "template lint self-test: catches {{ &x }}, {{{x}}} and a tag split over lines"
else
	not_ok "template lint self-test: expected 3 problems, got $problems"
fi
printf '# test\nselftest.mustache: {{ &one }}   # why\nselftest.mustache: {{{two}}}\nselftest.mustache: {{   &three}}  # spaces\n' \
	>"$tmp/self-allow"
read_allowlist "$tmp/self-allow" >"$tmp/self-entries"
problems=$(lint_file "$tmp/selftest.mustache" "$tmp/self-entries")
if [ -z "$problems" ]; then
	ok "template lint self-test: allowlisted occurrences pass"
else
	not_ok "template lint self-test: allowlist not honoured: $problems"
fi

# --- the real templates ---------------------------------------------------
if [ ! -f "$allowlist" ]; then
	not_ok "template lint: $allowlist is missing"
fi
read_allowlist "$allowlist" >"$tmp/entries"
while IFS="$(printf '\t')" read -r file rest; do
	if [ "$file" = "!bad" ]; then
		not_ok "template lint: malformed line in $allowlist: $rest"
	elif [ ! -f "templates/$file" ]; then
		not_ok "template lint: $allowlist names templates/$file, which does not exist"
	fi
done <"$tmp/entries"

checked=0
for f in templates/*.mustache; do
	[ -f "$f" ] || continue
	checked=$((checked + 1))
	problems=$(lint_file "$f" "$tmp/entries")
	if [ -z "$problems" ]; then
		ok "template lint: $(basename "$f") has no unlisted raw output"
	else
		printf '%s\n' "$problems" | while IFS= read -r p; do
			echo "not ok - template lint: $(basename "$f"): $p"
		done
		failed=1
	fi
done
[ "$checked" -gt 0 ] || echo "# template lint: no templates/*.mustache yet"

exit "$failed"
