#!/usr/bin/env bash
# Installs the npm packages of the peer servers (Socket.IO + Redis adapter, ShareDB + ot-text)
# into bench/scratch/peers, which git ignores. The versions are pinned by package.json and
# package-lock.json beside this script; `npm ci` installs exactly the locked tree.
# Idempotent: when the installed tree was made from the same lock file, it returns at once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$(cd "$here/../.." && pwd)/bench/scratch/peers"
stamp="$dest/.installed-from.lock"

command -v node >/dev/null || { echo "install.sh: node is not on PATH (Node 20 or newer is needed)" >&2; exit 1; }
command -v npm >/dev/null || { echo "install.sh: npm is not on PATH" >&2; exit 1; }

if [ -d "$dest/node_modules" ] && cmp -s "$here/package-lock.json" "$stamp"; then
  exit 0
fi

echo "installing peer servers into $dest (node $(node --version), npm $(npm --version))" >&2
mkdir -p "$dest"
rm -f "$stamp"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
# bufferutil ships prebuilt binaries for linux-x64 inside its npm package, so no compiler is needed
# and no install script has to run; ws picks it up at run time for faster frame masking.
(cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
cp "$here/package-lock.json" "$stamp"
echo "peer servers installed" >&2
