#!/usr/bin/env bash
# The soak across two instances: two Release builds of B12Bot on 127.0.0.1, Direct Line in Redis (Debian's
# redis-server, no persistence), bot state in Blob storage (Azurite), the same secret and signing key, no proxy and
# no stickiness: each conversation's calls alternate between the two. Prints the soak's figures; exits 0 only with
# zero errors, nothing lost and every walkthrough at its result. Everything started here is stopped at the end.
# Options go to the runner, e.g. `bench/run-soak-two.sh --minutes 1 --conversations 200`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for project in src/Bot bench/B12Bot.Load; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "nothing listens on $1" >&2; return 1; }

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --loglevel warning >"$work/redis.log" 2>&1 &
pids+=($!)
azurite_port=$(free_port)
node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$azurite_port" --location "$work/azurite" --disableTelemetry --skipApiVersionCheck --loose --silent >"$work/azurite.log" 2>&1 &
pids+=($!)
wait_port "$redis_port"
wait_port "$azurite_port"

account="devstoreaccount1"
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Storage__Kind=AzureBlobs Storage__AzureBlobs__ContainerName=soak \
  Storage__AzureBlobs__ConnectionString="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$azurite_port/$account;" \
  DirectLine__Store=Redis DirectLine__Redis__Configuration="127.0.0.1:$redis_port" \
  DirectLine__Secret="soak-secret-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
  DirectLine__TokenSigningKey="soak-signing-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
  DirectLine__RateLimits__TokensPerMinute=100000 DirectLine__RateLimits__PostsPerMinute=100000 DirectLine__RateLimits__ReadsPerMinute=100000

urls=()
for name in a b; do
  port=$(free_port)
  (cd src/Bot && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet bin/Release/net10.0/B12Bot.dll) >"$work/bot-$name.log" 2>&1 &
  pids+=($!)
  urls+=("http://127.0.0.1:$port")
  wait_port "$port"
done

status=0
dotnet bench/B12Bot.Load/bin/Release/net10.0/B12Bot.Load.dll soak --directline "$(IFS=,; echo "${urls[*]}")" "$@" || status=$?
for name in a b; do
  errors=$(grep -c -E '^(fail|crit):' "$work/bot-$name.log" || true)
  echo "instance $name: $errors error log lines"
  if [ "$errors" -ne 0 ]; then status=1; grep -E -A3 '^(fail|crit):' "$work/bot-$name.log" | head -20; fi
done
exit "$status"
