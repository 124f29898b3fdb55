#!/bin/sh
# Rebuild the query page's YASGUI assets from the npm lock file (offline after `npm ci`):
#   sh scripts/yasgui/build.sh
# writes ccm_graph/serve/web/static/vendor/yasgui.min.{js,css} and the licence beside them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../ccm_graph/serve/web/static/vendor"
cd "$here"
npm ci --no-audit --no-fund --ignore-scripts
mkdir -p "$out"
build=node_modules/@zazuko/yasgui/build
# the bundle without its source-map comment: the map is not shipped
sed '/^\/\/# sourceMappingURL=/d' "$build/yasgui.min.js" > "$out/yasgui.min.js"
sed 's#/\*\# sourceMappingURL=[^*]*\*/##' "$build/yasgui.min.css" > "$out/yasgui.min.css"
cp node_modules/@zazuko/yasgui/LICENSE "$out/YASGUI-LICENSE" 2>/dev/null \
  || printf 'MIT License: @zazuko/yasgui %s (https://github.com/zazuko/Yasgui)\n' \
       "$(node -p 'require("@zazuko/yasgui/package.json").version')" > "$out/YASGUI-LICENSE"
echo "built $out"
