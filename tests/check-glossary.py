#!/usr/bin/env python3
"""check-glossary.py [ROOT]: one term per concept in the Japanese text of the repository.

Reads the rules from ROOT/data/glossary-ja.ini (its header comment describes the format) and checks
every `Key[ja]=` value in ROOT/data/**/*.ini and every msgstr in ROOT/po/ja.po. Prints one line per
violation, file:line, the forbidden variant and the preferred term, and exits 1 if there is any
(2 if the rules themselves cannot be read). ROOT defaults to the repository holding this script.
Standard library only.
"""

import pathlib
import re
import sys

GLOSSARY = pathlib.Path("data") / "glossary-ja.ini"
PO_FILE = pathlib.Path("po") / "ja.po"
RULE_KEYS = {"Concept", "Preferred", "Forbidden", "Allow", "Note"}
JA_KEY = re.compile(r"^\s*([A-Za-z0-9-]+)\[ja\]\s*=\s*(.*?)\r?\n?$")
KEYFILE_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
              "f": "\f", "v": "\v"}


class RulesError(Exception):
    pass


def keyfile_unescape(value, where, list_separator=False):
    """GLib key-file value escapes; with list_separator, split on unescaped ';' (trailing one optional)."""
    items, current, i = [], [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            if i + 1 >= len(value):
                raise RulesError(f"{where}: a value ends with a lone backslash")
            e = value[i + 1]
            if e in KEYFILE_ESCAPES:
                current.append(KEYFILE_ESCAPES[e])
            elif e == ";" and list_separator:
                current.append(";")
            else:
                raise RulesError(f"{where}: invalid escape \\{e} (write \\\\ for a backslash)")
            i += 2
            continue
        if c == ";" and list_separator:
            items.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    if not list_separator:
        return "".join(current)
    if current:
        items.append("".join(current))
    return [item for item in items if item != ""]


def load_rules(path):
    rules, group = [], None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise RulesError(f"{path}: {e.strerror}") from e
    for number, line in enumerate(lines, 1):
        where = f"{path}:{number}"
        stripped = line.strip()
        if stripped == "" or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            if not stripped.endswith("]") or len(stripped) < 3:
                raise RulesError(f"{where}: malformed group line")
            group = {"id": stripped[1:-1], "line": number}
            if any(rule["id"] == group["id"] for rule in rules):
                raise RulesError(f"{where}: rule [{group['id']}] is defined twice")
            rules.append(group)
            continue
        if group is None or "=" not in line:
            raise RulesError(f"{where}: expected a [group] or a Key=value line")
        key, value = line.split("=", 1)
        key, value = key.strip(), value.lstrip()
        if key not in RULE_KEYS:
            raise RulesError(f"{where}: unknown key {key} (known: {', '.join(sorted(RULE_KEYS))})")
        if key in group:
            raise RulesError(f"{where}: {key} given twice in [{group['id']}]")
        if key in ("Forbidden", "Allow"):
            patterns = []
            for text in keyfile_unescape(value, where, list_separator=True):
                try:
                    patterns.append(re.compile(text))
                except re.error as e:
                    raise RulesError(f"{where}: {key} pattern {text!r}: {e}") from e
            group[key] = patterns
        else:
            group[key] = keyfile_unescape(value, where)
    if not rules:
        raise RulesError(f"{path}: no rules")
    for rule in rules:
        for key in ("Preferred", "Forbidden"):
            if not rule.get(key):
                raise RulesError(f"{path}:{rule['line']}: [{rule['id']}] has no {key}")
    return rules


def data_values(root):
    """(path, line, text) of every Key[ja]= value in data/**/*.ini, escapes decoded."""
    glossary = (root / GLOSSARY).resolve()
    for path in sorted((root / "data").rglob("*.ini")):
        if path.resolve() == glossary:
            continue
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                m = JA_KEY.match(line)
                if m is None or line.lstrip().startswith("#"):
                    continue
                # Decode \s \n \t \r \\ as GLib does; anything else is kept as written (the
                # knowledge-base compiler reports bad escapes, this check only reads the words).
                text = re.sub(r"\\([sntr\\])", lambda e: KEYFILE_ESCAPES[e.group(1)], m.group(2))
                yield path, [(0, number)], text


def po_unquote(s):
    return re.sub(r'\\(.)', lambda e: PO_ESCAPES.get(e.group(1), e.group(0)), s)


def po_messages(root):
    """(path, [(offset, line)], text) of every msgstr in po/ja.po but the header, wrapped lines joined."""
    path = root / PO_FILE
    entries, current = [], None  # current: [keyword, [(offset, line)], [pieces]]
    msgid = {}
    with path.open(encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[[0-9]+\])?)\s+"(.*)"$', line)
            if m:
                current = [m.group(1), [], []]
                entries.append(current)
                piece = m.group(2)
            elif line.startswith('"') and line.endswith('"') and current is not None:
                piece = line[1:-1]
            else:
                current = None  # comment, blank line or obsolete (#~) entry
                continue
            offset = sum(len(p) for p in current[2])
            current[1].append((offset, number))
            current[2].append(po_unquote(piece))
    for keyword, lines, pieces in entries:
        text = "".join(pieces)
        if keyword == "msgid":
            msgid["current"] = text
        elif keyword.startswith("msgstr") and msgid.get("current") != "" and text:
            yield path, lines, text


def line_of(lines, offset):
    number = lines[0][1]
    for start, line in lines:
        if start <= offset:
            number = line
    return number


def violations(rules, path, lines, text):
    """(line, variant, rule) per forbidden variant in text, in text order, each place reported once per rule."""
    found = {}
    for rule in rules:
        allowed = [m.span() for p in rule.get("Allow", []) for m in p.finditer(text)]
        for pattern in rule["Forbidden"]:
            for m in pattern.finditer(text):
                group = "v" if "v" in pattern.groupindex and m.group("v") is not None else 0
                start, end = m.span(group)
                if any(a <= start and end <= b for a, b in allowed):
                    continue
                found.setdefault((start, end, rule["id"]), (line_of(lines, start), m.group(group), rule))
    for key in sorted(found):
        yield found[key]


def main(argv):
    root = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    try:
        rules = load_rules(root / GLOSSARY)
    except RulesError as e:
        print(f"check-glossary: {e}", file=sys.stderr)
        return 2
    found, counts = [], {"data": 0, "po": 0}
    for kind, source in (("data", data_values(root)), ("po", po_messages(root))):
        for path, lines, text in source:
            counts[kind] += 1
            for number, variant, rule in violations(rules, path, lines, text):
                found.append((path.relative_to(root), number, variant, rule))
    for path, number, variant, rule in found:
        print(f"{path}:{number}: “{variant}” → {rule['Preferred']}  [{rule['id']}: {rule.get('Concept', '')}]")
        if "Note" in rule:
            print(f"    {rule['Note']}")
    print(f"check-glossary: {len(rules)} rules, {counts['data']} Japanese values in data/, "
          f"{counts['po']} messages in {PO_FILE}: {len(found)} violation(s)")
    if counts["data"] == 0 or counts["po"] == 0:
        print("check-glossary: nothing to check: wrong ROOT?", file=sys.stderr)
        return 2
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
