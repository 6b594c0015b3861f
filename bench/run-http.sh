#!/usr/bin/env bash
# The HTTP benchmark in one command: builds B12Bot, the echo bot and the load runner in Release, then runs
#   1. compare: B12Bot against the echo bot on the same stack (throughput ratio, p50/p99, cold start, peak memory)
#   2. scale:   B12Bot with its own knowledge against a knowledge base grown to 10,000 generated entries
# and prints both tables. Extra arguments go to both runs, e.g. `bench/run-http.sh --duration 20 --connections 16`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for project in src/Bot bench/EchoBot bench/B12Bot.Load; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done

runner=bench/B12Bot.Load/bin/Release/net10.0/B12Bot.Load.dll
status=0
dotnet "$runner" compare "$@" || status=$?
dotnet "$runner" scale "$@" || status=$?
exit "$status"
