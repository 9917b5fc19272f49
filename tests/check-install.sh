#!/bin/sh
# check-install.sh SOURCE-DIR: `meson install` into a temporary prefix that is not on
# XDG_DATA_DIRS, then run what was installed, as a user would: the CLI in both languages and
# the window (it must come up, not stop on a missing settings schema).
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

meson setup "$tmp/build" "$src" --prefix "$tmp/prefix" -Dbuildtype=release >/dev/null
# Only what is installed: the tests need not be built for this.
targets=$(meson introspect --targets "$tmp/build" | python3 -c '
import json, sys, os
for t in json.load(sys.stdin):
    if t["installed"]:
        for f in t["filename"]:
            print(os.path.relpath(f, sys.argv[1]))
' "$tmp/build")
# shellcheck disable=SC2086
ninja -C "$tmp/build" $targets >/dev/null
meson install -C "$tmp/build" --no-rebuild --quiet

prefix=$tmp/prefix
bin=$prefix/bin/sip-codes
for f in share/glib-2.0/schemas/gschemas.compiled share/icons/hicolor/icon-theme.cache \
         share/applications/io.github.sipcodes.SipCodes.desktop share/sip-codes/sip-codes.db \
         share/locale/ja/LC_MESSAGES/sip-codes.mo share/metainfo/io.github.sipcodes.SipCodes.metainfo.xml \
         share/man/man1/sip-codes.1 share/gnome-shell/search-providers/io.github.sipcodes.SipCodes.search-provider.ini \
         share/dbus-1/services/io.github.sipcodes.SipCodes.service; do
  test -f "$prefix/$f" || { echo "not installed: $f"; exit 1; }
done

# Nothing from the build tree: the installed program finds its own data.
unset SIP_CODES_DB SIP_CODES_LOCALEDIR GSETTINGS_SCHEMA_DIR
"$bin" lookup 428 --lang en | grep -q "Use Identity Header"
LANGUAGE=ja LC_ALL=C.UTF-8 "$bin" search 話中 | grep -q "^486"
LANGUAGE=ja LC_ALL=C.UTF-8 "$bin" rfc 3261 99.9 2>&1 | grep -q "セクション"
"$bin" rfc 3261 16.8 | grep -q "Processing Timer C"
grep -q "^Exec=$prefix/bin/sip-codes --gapplication-service" "$prefix/share/dbus-1/services/io.github.sipcodes.SipCodes.service"

# A command loads the installed command-line module and never GTK; the window comes from the
# installed app module, not the build tree's.
for module in libsip-codes-cli.so libsip-codes-app.so; do
  test -n "$(find "$prefix" -name "$module")" || { echo "not installed: $module"; exit 1; }
done
LD_DEBUG=files "$bin" lookup 428 >/dev/null 2>"$tmp/loaded"
grep -q "$prefix/.*libsip-codes-cli.so" "$tmp/loaded" || { echo "the command did not load the installed module"; exit 1; }
if grep -q "libgtk-4" "$tmp/loaded"; then
  echo "a command loaded GTK"; exit 1
fi

# The window: still running after a few seconds means it started.
status=0
GSETTINGS_BACKEND=memory timeout 6 "$bin" --code 428 >"$tmp/out" 2>&1 || status=$?
if [ "$status" -ne 124 ]; then
  echo "the installed app exited with $status:"; cat "$tmp/out"; exit 1
fi
if grep -q "not installed\|sip-codes: cannot load" "$tmp/out"; then
  cat "$tmp/out"; exit 1
fi
echo "installed into $prefix and ran: CLI, window"
