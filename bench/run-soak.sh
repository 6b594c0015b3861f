#!/usr/bin/env bash
# The soak: 200 conversations at once over HTTP for 3 minutes (by default), each a walkthrough chosen button by
# button and a few questions, against a Release build of B12Bot with its default SQLite state. Prints its figures;
# exits 0 only with zero errors, nothing lost and every walkthrough at its result.
# Options go to the runner, e.g. `bench/run-soak.sh --minutes 10 --conversations 200`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for project in src/Bot bench/B12Bot.Load; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done

exec dotnet bench/B12Bot.Load/bin/Release/net10.0/B12Bot.Load.dll soak "$@"
