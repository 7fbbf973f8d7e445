#!/usr/bin/env bash
# The tests need xmllint (Debian libxml2-utils) to validate manifest.xml offline.
# Install it when missing and we can (root with apt-get); otherwise say how.
set -euo pipefail
command -v xmllint >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing libxml2-utils (xmllint) for the manifest tests…"
  export DEBIAN_FRONTEND=noninteractive
  for attempt in 1 2 3 4 5; do
    if apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null; then exit 0; fi
    echo "apt-get failed (attempt $attempt; the lock may be held), retrying…" >&2
    sleep 10
  done
fi
echo "xmllint is missing: install libxml2-utils (Debian/Ubuntu) or libxml2 (macOS has it) and run the tests again." >&2
exit 1
