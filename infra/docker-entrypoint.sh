#!/bin/sh
# The container image's entry point: `ingest`, `scoring`, `handoff` or `projections` runs that
# service in place of this shell (exec), so the engine's SIGTERM reaches it and it stops
# gracefully; anything else goes to the leadflow CLI.
set -eu
case "${1:-}" in
  ingest|scoring|handoff|projections) exec node "/app/services/$1/dist/main.js" ;;
  *) exec node /app/services/cli/dist/main.js "$@" ;;
esac
