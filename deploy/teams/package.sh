#!/usr/bin/env bash
# Builds the Teams app package: manifest.json (with the bot's app id filled in), color.png and outline.png,
# all three at the root of one zip, ready for "Upload a custom app" in Teams or the Teams admin centre.
#
#   deploy/teams/package.sh --app-id <GUID> [--domain <host>] [--version <x.y.z>] [--out <file.zip>]
#
# Each option can also come from the environment: MICROSOFT_APP_ID, BOT_DOMAIN, TEAMS_APP_VERSION,
# TEAMS_PACKAGE_OUT. The zip is written with `zip` when it is installed, otherwise with python3's zipfile;
# TEAMS_ZIP_TOOL=zip or TEAMS_ZIP_TOOL=python3 picks one explicitly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The values in manifest.json that this script replaces.
placeholder_app_id="00000000-0000-0000-0000-000000000000"
placeholder_domain="b12bot.azurewebsites.net"

app_id="${MICROSOFT_APP_ID:-}"
domain="${BOT_DOMAIN:-}"
version="${TEAMS_APP_VERSION:-}"
out="${TEAMS_PACKAGE_OUT:-$here/b12bot-teams.zip}"
tool="${TEAMS_ZIP_TOOL:-auto}"

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "package.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --app-id) [ $# -ge 2 ] || usage; app_id="$2"; shift 2 ;;
    --domain) [ $# -ge 2 ] || usage; domain="$2"; shift 2 ;;
    --version) [ $# -ge 2 ] || usage; version="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "package.sh: unknown argument: $1" >&2; usage ;;
  esac
done

# The app id is the Microsoft Entra application (client) id of the Azure Bot: a GUID, never the placeholder.
[ -n "$app_id" ] || fail "no app id: pass --app-id <GUID> or set MICROSOFT_APP_ID"
[[ "$app_id" =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]] || fail "the app id is not a GUID: $app_id"
[ "$app_id" != "$placeholder_app_id" ] || fail "the app id is still the placeholder $placeholder_app_id"
if [ -n "$domain" ]; then
  [[ "$domain" =~ ^(\*\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || fail "not a host name: $domain"
fi
if [ -n "$version" ]; then
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "the version must look like 1.2.3: $version"
fi

for file in manifest.json color.png outline.png; do
  [ -f "$here/$file" ] || fail "missing $file in $here"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Fill in the manifest. Only the exact placeholder values are touched.
sed_args=(-e "s/\"botId\": \"$placeholder_app_id\"/\"botId\": \"$app_id\"/")
if [ -n "$domain" ]; then
  sed_args+=(-e "s/\"${placeholder_domain//./\\.}\"/\"$domain\"/")
fi
if [ -n "$version" ]; then
  sed_args+=(-e "s/^  \"version\": \"[0-9.]*\"/  \"version\": \"$version\"/")
fi
sed "${sed_args[@]}" "$here/manifest.json" > "$work/manifest.json"
grep -q "\"botId\": \"$app_id\"" "$work/manifest.json" || fail "could not find the botId placeholder in manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"

# Write to an absolute path, replacing an older package rather than adding to it.
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
rm -f "$out"

if [ "$tool" = auto ]; then
  if command -v zip >/dev/null 2>&1; then tool=zip; else tool=python3; fi
fi
case "$tool" in
  zip)
    (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
    ;;
  python3)
    python3 - "$out" "$work" <<'PY'
import os
import sys
import zipfile

out, folder = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
    for name in ("manifest.json", "color.png", "outline.png"):
        package.write(os.path.join(folder, name), arcname=name)
PY
    ;;
  *) fail "TEAMS_ZIP_TOOL must be zip, python3 or auto, not: $tool" ;;
esac

echo "Teams package: $out (bot app id $app_id)"
