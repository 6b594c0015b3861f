#!/usr/bin/env bash
# The HTTP benchmark in one command: publishes B12Bot and the echo bot as they ship (Release, ReadyToRun) and builds
# the load runner, then runs
#   1. compare: B12Bot as shipped (answer cache on) against the echo bot on the same stack, the load's 40 questions
#   2. compare: B12Bot with the answer cache off against the echo bot, on 148 varied questions (questions-varied.txt)
#   3. scale:   B12Bot with its own knowledge against a knowledge base grown to 10,000 generated entries
# and prints their tables. Extra arguments go to every run, e.g. `bench/run-http.sh --duration 20 --connections 16`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=artifacts/bench
dotnet publish src/Bot -c Release -o "$out/B12Bot" --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish bench/EchoBot -c Release -o "$out/EchoBot" --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build bench/B12Bot.Load -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

runner=bench/B12Bot.Load/bin/Release/net10.0/B12Bot.Load.dll
bots=(--bot "$out/B12Bot/B12Bot.dll" --echo "$out/EchoBot/EchoBot.dll")
status=0
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$runner" compare "${bots[@]}" "$@" || status=$?
dotnet "$runner" compare "${bots[@]}" --questions questions-varied.txt --bot-args=--Answers:CacheSize=0 "$@" || status=$?
dotnet "$runner" scale --bot "$out/B12Bot/B12Bot.dll" "$@" || status=$?
exit "$status"
