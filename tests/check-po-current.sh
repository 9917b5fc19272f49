#!/bin/sh
# check-po-current.sh SOURCE-DIR: every source file with translatable text is in
# po/POTFILES.in, and po/ja.po translates every message those files hold now (not only the
# ones of the last `ninja sip-codes-pot`): a string added or moved without its translation
# fails here rather than showing English in the Japanese app.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
cd "$src"
for f in $(grep -rlE '\b(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' src --include='*.c'; grep -rl 'translatable="yes"' ui); do
  grep -qx "$f" po/POTFILES.in || { echo "not in po/POTFILES.in: $f"; status=1; }
done
# The keywords of meson's glib preset.
xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments=TRANSLATORS: \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 -o "$tmp/current.pot"
msgcmp po/ja.po "$tmp/current.pot" || status=1
exit $status
