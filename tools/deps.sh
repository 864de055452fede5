#!/bin/sh
# Installs what the build (or the test suite) needs and is missing, and
# nothing when everything is there.  Called by the Makefile:
#
#   sh tools/deps.sh build   compiler, -dev libraries, node + npm packages
#   sh tools/deps.sh test    the same plus chromium, the sqlite3 CLI and poppler-utils (pdfinfo, pdftotext)
#   sh tools/deps.sh fuzz    the build's plus clang (libFuzzer)
#   sh tools/deps.sh bench   the build's plus wrk, curl and the sqlite3 CLI
#
# Debian packages are checked with one dpkg-query call; apt-get runs only
# when something is missing (and then needs root).  npm packages are
# installed with `npm ci` from the committed package-lock.json when
# node_modules is missing or older than the lock file.
set -eu
cd "$(dirname "$0")/.."

mode=${1:-build}
case $mode in
build) extra= ;;
test) extra="chromium sqlite3 poppler-utils" ;;
fuzz) extra="clang" ;;
bench) extra="wrk curl sqlite3" ;;
*)
	echo "usage: sh tools/deps.sh build|test|fuzz|bench" >&2
	exit 2
	;;
esac

pkgs="ca-certificates tzdata gcc make pkg-config libc6-dev libmicrohttpd-dev libsqlite3-dev libjansson-dev libsodium-dev libxml2-dev libxslt1-dev libmimalloc-dev libcairo2-dev libpango1.0-dev libmagic-dev fonts-dejavu-core nodejs npm $extra"

# "name status..." for every package dpkg knows; unknown ones are absent.
installed=" $(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null |
	awk '$NF == "installed" { printf "%s ", $1 }') " || true

missing=
for p in $pkgs; do
	case $installed in
	*" $p "*) continue ;;
	esac
	# node and npm may come from elsewhere (e.g. a nodejs package that
	# bundles npm); a working command is as good as the Debian package.
	case $p in
	nodejs) command -v node >/dev/null 2>&1 && continue ;;
	npm) command -v npm >/dev/null 2>&1 && continue ;;
	esac
	missing="$missing $p"
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps: missing Debian packages:$missing" >&2
		echo "deps: install them as root with:" >&2
		echo "    apt-get update && apt-get install -y --no-install-recommends$missing" >&2
		exit 1
	fi
	echo "deps: installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends $missing
fi

# npm packages (NL Design System CSS, axe-core, playwright-core).  npm
# writes node_modules/.package-lock.json on every install.
if [ ! -f node_modules/.package-lock.json ] ||
	[ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "deps: npm ci"
	# playwright-core downloads nothing on install; the browser is Debian's.
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
