#!/usr/bin/env bash
# Builds the site into /tmp/site-dev/public from a copy of the site files and
# the given data files (default: the sample fixture), for looking at pages
# while developing. Not used by the tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dev=/tmp/site-dev
rm -rf "$dev/src" && mkdir -p "$dev/src/data/notices"
for d in config.toml content layouts static i18n assets; do
	[ -e "$root/$d" ] && cp -r "$root/$d" "$dev/src/"
done
if [ $# -eq 0 ]; then
	set -- "$root/tools/site/testdata/sample-2024.toml"
	cp "$root/tools/site/testdata/sample-2024.txt" "$dev/src/static/originals/"
fi
for f in "$@"; do cp "$f" "$dev/src/data/notices/$(basename "$f")"; done
cd "$root"
go tool hugo --source "$dev/src" --destination "$dev/public" --cleanDestinationDir --enableGitInfo=false ${HUGO_FLAGS:-}
