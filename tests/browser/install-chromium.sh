#!/usr/bin/env bash
# Makes sure the browser tests have a Chromium: BRIEFS_CHROMIUM if it names one, else the
# `chromium` on PATH, else Debian's package, installed with apt-get (as root, or with
# sudo that asks for no password). The tests drive Debian's Chromium through Playwright
# rather than Playwright's own browser download, which needs a network this project's
# machines may not have. Prints the path of the browser it found or installed.
set -euo pipefail

if [ -n "${BRIEFS_CHROMIUM:-}" ]; then
  if [ -x "$BRIEFS_CHROMIUM" ]; then echo "$BRIEFS_CHROMIUM"; exit 0; fi
  echo "BRIEFS_CHROMIUM is set to '$BRIEFS_CHROMIUM', which is not an executable file." >&2
  exit 1
fi
if found=$(command -v chromium 2>/dev/null); then echo "$found"; exit 0; fi

as_root=()
[ "$(id -u)" = 0 ] || as_root=(sudo -n)
if ! command -v apt-get >/dev/null 2>&1 || { [ "${#as_root[@]}" -gt 0 ] && ! sudo -n true 2>/dev/null; }; then
  cat >&2 <<'MSG'
The browser tests need Chromium, and it could not be installed here (that needs apt-get,
and root or password-less sudo). Install Debian's or Ubuntu's 'chromium' package, or set
BRIEFS_CHROMIUM to the path of a Chromium-based browser; or run `make test-quick`, which
leaves the browser tests out.
MSG
  exit 1
fi
echo "Installing Chromium for the browser tests (apt-get install chromium)..." >&2
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
command -v chromium
