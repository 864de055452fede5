#!/bin/sh
# Copies the NL Design System CSS from node_modules into static/vendor/,
# touching a file only when its content changed (so `make` stays quick and
# the server's cache headers stay meaningful).  Run `sh tools/deps.sh build`
# (or `make deps`) first to get node_modules.
#
# Served as:
#   /static/vendor/utrecht-component-library.css  all Utrecht component CSS
#   /static/vendor/voorbeeld-theme.css            the NL Design System example
#                                                 tokens (class "voorbeeld-theme");
#                                                 kept for reference, not used
#                                                 by the pages any more
#   /static/css/een-loket-theme.css               our own theme (class
#                                                 "een-loket-theme"), built from
#                                                 tokens/*.tokens.json by
#                                                 tools/build-theme.mjs (docs/ui.md)
set -eu
cd "$(dirname "$0")/.."

dest=static/vendor
utrecht=node_modules/@utrecht/component-library-css
theme=node_modules/@nl-design-system-unstable/voorbeeld-design-tokens

if [ ! -d "$utrecht" ] || [ ! -d "$theme" ]; then
	echo "copy-static: node_modules is incomplete; run 'sh tools/deps.sh build' first" >&2
	exit 1
fi

mkdir -p "$dest"

# install SOURCE TARGET: copy when TARGET is absent or differs.
install_file() {
	if [ ! -f "$1" ]; then
		echo "copy-static: $1 not found" >&2
		exit 1
	fi
	if ! cmp -s "$1" "$dest/$2"; then
		cp "$1" "$dest/$2.tmp"
		mv "$dest/$2.tmp" "$dest/$2"
		echo "copy-static: installed $dest/$2 (from $1)"
	fi
}

install_file "$utrecht/dist/index.css" utrecht-component-library.css
install_file "$theme/dist/theme.css" voorbeeld-theme.css
install_file "$utrecht/LICENSE.md" LICENSE-utrecht-component-library.md
install_file "$theme/LICENSE.md" LICENSE-voorbeeld-design-tokens.md

# Our theme: design tokens -> CSS custom properties (writes only on change).
node tools/build-theme.mjs
