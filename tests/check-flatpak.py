#!/usr/bin/env python3
"""check-flatpak.py MANIFEST APP_ID: the Flatpak manifest parses and describes this app.
flatpak-builder is deliberately not installed on test machines (it pulls in a portal that
slows every GTK start), so the manifest is checked offline."""
import json, sys

manifest_path, app_id = sys.argv[1], sys.argv[2]
with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)
problems = []
if manifest.get("id") != app_id:
    problems.append(f"id is {manifest.get('id')!r}, expected {app_id!r}")
if manifest.get("command") != "sip-codes":
    problems.append("command is not sip-codes")
for key in ("runtime", "runtime-version", "sdk"):
    if not manifest.get(key):
        problems.append(f"{key} is missing")
modules = manifest.get("modules", [])
if not modules or modules[-1].get("buildsystem") != "meson":
    problems.append("the last module must build sip-codes with meson")
# libpcap reads captures; the app loads it by its soname (src/capture/sc-capture-libpcap.c).
names = [m.get("name") for m in modules]
if "libpcap" not in names or names.index("libpcap") > len(names) - 2:
    problems.append("libpcap must be built before sip-codes (captures)")
for m in modules:
    for source in m.get("sources", []):
        if source.get("type") == "git" and not source.get("commit"):
            problems.append(f"module {m.get('name')}: a git source is pinned to a commit")
if "--share=network" not in manifest.get("finish-args", []):
    problems.append("the live probe needs --share=network")
for p in problems:
    print(f"{manifest_path}: {p}")
sys.exit(1 if problems else 0)
