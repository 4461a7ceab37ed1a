#!/usr/bin/env bash
# Installs the Node.js dependencies when they are missing or the lock file changed since the last
# install, so `npm test` and `npm run demo` work on a fresh clone with nothing run before them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "leadflow: $1 is required but not installed. $2" >&2; exit 1; }
}
need node "Install Node.js 20 or later."
need npm "Install npm (it ships with Node.js)."
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "leadflow: Node.js 20 or later is required, found $(node --version)." >&2
  exit 1
fi

stamp="node_modules/.leadflow-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "leadflow: installing Node.js dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
