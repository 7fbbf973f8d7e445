#!/usr/bin/env bash
# The tests need xmllint (Debian libxml2-utils) to validate manifest.xml offline,
# and Debian's chromium (with a font) for the browser test of the panes.
# Install what is missing when we can (root with apt-get); otherwise say how.
set -euo pipefail
missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the manifest and browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  for attempt in 1 2 3 4 5; do
    if apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; then exit 0; fi
    echo "apt-get failed (attempt $attempt; the lock may be held), retrying…" >&2
    sleep 10
  done
fi
echo "Missing ${missing[*]}: install them (Debian/Ubuntu: apt-get install -y ${missing[*]}) and run the tests again." >&2
exit 1
