#!/bin/sh
# Every field rule has a label (the error summary names the field): each
# "{.name = ..., .kind = FIELD_...}" initializer in src/ and include/ - static
# tables, tables built at run time and the NEW_RULES-style macros alike -
# must also say ".label = ".  A rule without one would put the field's bare
# name in the summary (form_add_error's stand-in).  tests/test_summary.c
# checks the same from the outside, on the rendered summaries.
cd "$(dirname "$0")/.."
n=0
bad=0
# One initializer is the text from "{.name =" to its matching "}", which may
# span lines (and macro continuations); perl prints "file:line" for each
# initializer and whether it has a label.
out=$(perl -0777 -ne '
	my $file = $ARGV;
	while (/\{\s*\.name\s*=/g) {
		my $start = $-[0];
		my $depth = 0;
		my $i = $start;
		for (; $i < length($_); $i++) {
			my $c = substr($_, $i, 1);
			$depth++ if $c eq "{";
			$depth-- if $c eq "}";
			last if $depth == 0;
		}
		my $entry = substr($_, $start, $i - $start + 1);
		next unless $entry =~ /\.kind\s*=\s*FIELD_/; # other structs have names too
		my $line = 1 + (substr($_, 0, $start) =~ tr/\n//);
		(my $name) = $entry =~ /\.name\s*=\s*("[^"]*"|[^,]+)/;
		$name =~ s/\s+/ /g;
		printf "%s %s:%d %s\n", ($entry =~ /\.label\s*=/ ? "ok" : "bad"), $file, $line, $name;
	}
' src/*.c src/handlers/*.c include/*.h)
while read -r verdict where name; do
	n=$((n + 1))
	if [ "$verdict" = ok ]; then
		echo "ok - field rule $name ($where) has a label"
	else
		bad=$((bad + 1))
		echo "not ok - field rule $name ($where) has no .label"
	fi
done <<DONE
$out
DONE
# The pattern must keep finding the tables (about 100 of them).
[ "$n" -gt 300 ] && echo "ok - found $n field rules in src/" || echo "not ok - only $n field rules found: the pattern is stale"
