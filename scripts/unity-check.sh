#!/usr/bin/env bash
# Which source files cannot share a unity batch (cmake/BuildSpeed.cmake): every target is configured as ONE unit
# (YIYANG_UNITY_BATCH=0) and compiled syntax-only (-fsyntax-only through a compiler launcher, no objects), natively
# and, with `--wasm`, the dashboard with em++. Prints each file with errors and the first error; a file named here
# goes into cmake/unity-skip.cmake (or its clashing names are made unique). Exit status 1 when any file fails.
# Usage: scripts/unity-check.sh [--wasm] [BUILD_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
wasm=0; [ "${1:-}" = "--wasm" ] && { wasm=1; shift; }
DIR="${1:-$ROOT/build/unity-check}"
mkdir -p "$DIR"
ERR="$DIR/errors.txt"; : >"$ERR"
cat >"$DIR/syntax-only.sh" <<LAUNCH
#!/bin/bash
out=""; prev=""
for a in "\$@"; do [ "\$prev" = "-o" ] && out="\$a"; prev="\$a"; done
case "\$out" in *.gch|*.pch) exit 0 ;; esac
case "\$*" in *em++*|*clang*) lim=-ferror-limit=0 ;; *) lim=-fmax-errors=0 ;; esac
"\$@" -fsyntax-only \$lim 2>>"$ERR" || true
[ -n "\$out" ] && touch "\$out"
exit 0
LAUNCH
chmod +x "$DIR/syntax-only.sh"
# Nothing is linked (the objects are empty): the link step only names its output, so that the targets that depend on
# another (test_server on yiyang-server) are compiled too.
cat >"$DIR/no-link.sh" <<LAUNCH
#!/bin/bash
out=""; prev=""
for a in "\$@"; do [ "\$prev" = "-o" ] && out="\$a"; prev="\$a"; done
[ -n "\$out" ] && touch "\$out"
exit 0
LAUNCH
chmod +x "$DIR/no-link.sh"
common=(-DCMAKE_BUILD_TYPE=Release -DYIYANG_UNITY_BATCH=0 -DYIYANG_PCH=OFF -DCMAKE_CXX_COMPILER_LAUNCHER="$DIR/syntax-only.sh"
        -DCMAKE_CXX_LINKER_LAUNCHER="$DIR/no-link.sh")
if [ "$wasm" = 1 ]; then
  export NODE_PATH=/usr/share/nodejs
  emcmake cmake -S "$ROOT" -B "$DIR/wasm" "${common[@]}" -DYIYANG_IMGUI_DIR="$ROOT/build/_deps/imgui" >/dev/null
  make -C "$DIR/wasm" -k -j "$(nproc)" yiyang_shared test_shared yiyang >/dev/null 2>&1 || true
else
  cmake -S "$ROOT" -B "$DIR/native" "${common[@]}" >/dev/null
  make -C "$DIR/native" -k -j "$(nproc)" yiyang_shared yiyang_server_core test_server test_shared test_client >/dev/null 2>&1 || true
fi
if grep -q "error:" "$ERR"; then
  grep "error:" "$ERR" | grep -v "^em++: error" | sed -E "s|^$ROOT/||" | awk -F: '!seen[$1]++ {print}' | sort
  exit 1
fi
echo "no file fails in one unit per target"
