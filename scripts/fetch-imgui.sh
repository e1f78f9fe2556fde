#!/usr/bin/env bash
# Fetches the Dear ImGui 1.86 sources from Debian's *source* package into a cache outside git
# (libimgui-dev ships headers and a native archive only; the WebAssembly build needs the .cpp files).
# Uses a private apt configuration so the system's sources are never edited.
set -euo pipefail
dest="${1:?usage: fetch-imgui.sh DEST_DIR}"
if [ -f "$dest/imgui.cpp" ] && [ -f "$dest/backends/imgui_impl_opengl3.cpp" ]; then exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/sources" "$work/archives/partial"
cat > "$work/sources/debian-src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
# Reuse the mirror the machine already uses, when it names one.
mirror="$(grep -rhE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
          | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n1 | tr -d ' ' || true)"
if [ -n "$mirror" ]; then sed -i "s#http://deb.debian.org/debian#${mirror%/}#" "$work/sources/debian-src.sources"; fi
opts=(-o "Dir::Etc::SourceParts=$work/sources" -o "Dir::Etc::SourceList=/dev/null"
      -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives"
      -o "APT::Sandbox::User=root")
apt-get "${opts[@]}" update -q >/dev/null
( cd "$work" && apt-get "${opts[@]}" source --download-only imgui >/dev/null )
orig="$(ls "$work"/imgui_*.orig.tar.* | head -n1)"
mkdir -p "$dest"
tar -xf "$orig" -C "$work"
src="$(find "$work" -maxdepth 1 -type d -name 'imgui*' | head -n1)"
cp -r "$src"/. "$dest"/
test -f "$dest/imgui.cpp"
echo "imgui sources in $dest ($(basename "$orig"))"
