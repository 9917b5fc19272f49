#!/bin/sh
# check-po.sh MSGFMT FILE.po: fails unless every message is translated and none is fuzzy.
set -eu
stats=$("$1" --check --statistics -o /dev/null "$2" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) exit 1 ;;
esac
