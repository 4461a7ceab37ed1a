#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser test when /usr/bin/chromium is missing.
# playwright-core drives this system browser; a browser build downloaded by Playwright itself is not used.
# Non-interactive, so it runs in CI (root, no standard input) as well as on a developer's machine.
set -euo pipefail

browser=/usr/bin/chromium
if [ -x "$browser" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "leadflow: $browser is missing and installing it needs root." >&2
  echo "leadflow: run 'sudo bash infra/ensure-chromium.sh' (or 'sudo apt-get install chromium') once." >&2
  exit 1
fi
command -v apt-get >/dev/null 2>&1 || { echo "leadflow: $browser is missing and apt-get is not available to install it." >&2; exit 1; }

echo "leadflow: installing Debian's chromium (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q </dev/null >&2
apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core </dev/null >&2

if [ ! -x "$browser" ]; then
  echo "leadflow: apt-get finished but $browser is still missing." >&2
  exit 1
fi
