#!/usr/bin/env bash
# Installs, into a folder of its own (never the project's node_modules or Node), what the
# third-party interop tests need and the project's Node 20 cannot run: Node 22 from the npm
# package `node`, the MCP conformance suite and MCP Inspector v2 (its CLI). Versions pinned.
# Usage: scripts/interop/install-node22.sh <folder>   (prints nothing else on success)
set -euo pipefail
dir="${1:?usage: install-node22.sh <folder>}"
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name":"gatehouse-interop-tools","private":true}' > package.json
npm install --no-audit --no-fund --no-save --loglevel=error \
  node@22.23.3 @modelcontextprotocol/conformance@0.2.0-alpha.12 @modelcontextprotocol/inspector@2.12.0 >/dev/null
"$dir/node_modules/.bin/node" --version | grep -q '^v22\.' || { echo "node@22 did not install a Node 22 binary" >&2; exit 1; }
