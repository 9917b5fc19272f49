#!/usr/bin/env python3
"""check-cause-names.py [ROOT]: one name per Q.850 cause value, everywhere.

The name of cause N is the one data/q850/N.ini gives: Name= in English, Name[ja]= in Japanese.
Every text of ROOT/data/codes/*.ini and ROOT/data/compare/*.ini that names a cause must use it:

- Japanese (Key[ja]= values): 理由表示N（NAME）, and in a value that speaks of causes (理由表示,
  Q.850) any N（NAME） whose N has a q850 file, so that 理由表示19（…）、20（…） and
  127（…）や111（…）などの理由表示 are checked too; also 理由表示N「NAME」 and
  「NAME」（Q.850の理由表示N）.
- English (Key= values): cause N (NAME), “cause” in any case, and in a value that speaks of causes
  any N (NAME) whose N has a q850 file (causes 19 (…), 20 (…) and 31 (…)); also cause N “NAME”
  and “NAME” (Q.850 cause N). The first letter of an English name may be lower case in running
  text (cause 17 (user busy)); the rest is compared exactly.

A parenthesis after a cause number holds exactly the name: anything else (理由表示1（欠番、2と3も）,
causes 1, 2 and 3 (no route)) is reported, to be written as one parenthesis per number with the
rest of the sentence outside it. Source keys (…SourceN) quote RFCs verbatim and are not checked.
Prints file:line: key: the name used and the name expected per mention, and exits 1 if there is
any (2 if the q850 names cannot be read). ROOT defaults to the repository holding this script.
Standard library only.
"""

import pathlib
import re
import sys

KEY_LINE = re.compile(r"^([A-Za-z0-9-]+)(\[([A-Za-z_@]+)\])?=(.*?)\r?\n?$")
SOURCE_KEY = re.compile(r"Source[0-9]+$")

# Deliberate exceptions: (file relative to ROOT, key, cause number, text inside the parenthesis or
# quotes). Keep this empty unless a text cannot name the cause without breaking the sentence.
EXCEPTIONS = set()

JA_CONTEXT = re.compile(r"理由表示|Q\.850")
EN_CONTEXT = re.compile(r"\bcauses?\b|Q\.850", re.IGNORECASE)
# A number directly after 理由表示 / cause is always a cause; elsewhere, only in a value that
# speaks of causes and only for a number that has a q850 file.
JA_EXPLICIT = re.compile(r"理由表示\s*([0-9]+)（")
EN_EXPLICIT = re.compile(r"\bcauses?\s+(?:value\s+)?([0-9]+) \(", re.IGNORECASE)
JA_NUMBER_PAREN = re.compile(r"(?<![0-9A-Za-z.\-§/])([0-9]{1,3})（")
EN_NUMBER_PAREN = re.compile(r"(?<![0-9A-Za-z.\-§/])([0-9]{1,3}) \(")
JA_QUOTED = [
    re.compile(r"理由表示\s*([0-9]+)「([^」]*)」"),
    re.compile(r"「([^」]*)」（(?:Q\.850の)?理由表示\s*([0-9]+)）"),
]
EN_QUOTED = [
    re.compile(r"\bcause\s+([0-9]+),?\s+“([^”]*)”", re.IGNORECASE),
    re.compile(r"“([^”]*)”,?\s+\((?:Q\.850\s+)?cause\s+([0-9]+)\)", re.IGNORECASE),
]


class NamesError(Exception):
    pass


def load_names(root):
    """{cause: (English name, Japanese name)} from data/q850/*.ini."""
    names = {}
    files = sorted((root / "data" / "q850").glob("*.ini"))
    if not files:
        raise NamesError(f"no data/q850/*.ini under {root}")
    for path in files:
        values = {}
        with path.open(encoding="utf-8") as f:
            for line in f:
                m = KEY_LINE.match(line)
                if m and not line.startswith("#"):
                    values[m.group(1) + (f"[{m.group(3)}]" if m.group(3) else "")] = m.group(4)
        cause = values.get("Cause", path.stem)
        if not cause.isdigit():
            raise NamesError(f"{path.relative_to(root)}: Cause={cause} is not a number")
        for key in ("Name", "Name[ja]"):
            if not values.get(key):
                raise NamesError(f"{path.relative_to(root)}: no {key}=")
        names[int(cause)] = (values["Name"], values["Name[ja]"])
    return names


def parenthesis(text, start, open_, close):
    """The text inside the balanced parenthesis that opens at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == open_:
            depth += 1
        elif text[i] == close:
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    return text[start + 1:]


def english_matches(used, name):
    return used == name or (used[:1].lower() == name[:1].lower() and used[1:] == name[1:])


def mentions(value, japanese, names):
    """(cause, name used) per cause named in value, in text order, each place once."""
    found = {}
    if japanese:
        explicit, broad, context, quoted, brackets = (JA_EXPLICIT, JA_NUMBER_PAREN, JA_CONTEXT,
                                                      JA_QUOTED, ("（", "）"))
    else:
        explicit, broad, context, quoted, brackets = (EN_EXPLICIT, EN_NUMBER_PAREN, EN_CONTEXT,
                                                      EN_QUOTED, ("(", ")"))
    for m in explicit.finditer(value):
        open_at = m.end() - 1
        found[open_at] = (int(m.group(1)), parenthesis(value, open_at, *brackets))
    if context.search(value):
        for m in broad.finditer(value):
            open_at = m.end() - 1
            if open_at not in found and int(m.group(1)) in names:
                found[open_at] = (int(m.group(1)), parenthesis(value, open_at, *brackets))
    for pattern in quoted:
        for m in pattern.finditer(value):
            number, used = (m.group(1), m.group(2)) if m.group(1).isdigit() else (m.group(2), m.group(1))
            found.setdefault(m.start(), (int(number), used))
    for at in sorted(found):
        yield found[at]


def scan(root, names):
    problems, count = [], 0
    files = sorted((root / "data" / "codes").glob("*.ini")) + sorted((root / "data" / "compare").glob("*.ini"))
    if not files:
        raise NamesError(f"no data/codes/*.ini or data/compare/*.ini under {root}")
    for path in files:
        relative = path.relative_to(root).as_posix()
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if line.lstrip().startswith("#"):
                    continue
                m = KEY_LINE.match(line)
                if m is None or SOURCE_KEY.search(m.group(1)):
                    continue
                locale = m.group(3)
                if locale not in (None, "ja"):
                    continue
                japanese = locale == "ja"
                key = m.group(1) + ("[ja]" if japanese else "")
                for cause, used in mentions(m.group(4), japanese, names):
                    count += 1
                    if (relative, key, cause, used) in EXCEPTIONS:
                        continue
                    if cause not in names:
                        problems.append(f"{relative}:{number}: {key}: cause {cause} “{used}”: "
                                        f"no data/q850/{cause}.ini gives its name")
                        continue
                    expected = names[cause][1 if japanese else 0]
                    ok = used == expected if japanese else english_matches(used, expected)
                    if not ok:
                        problems.append(f"{relative}:{number}: {key}: cause {cause} “{used}” → “{expected}”")
    return problems, count, len(files)


def main(argv):
    root = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    try:
        names = load_names(root)
        problems, count, files = scan(root, names)
    except (NamesError, OSError) as e:
        print(f"check-cause-names: {e}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    print(f"check-cause-names: {len(names)} causes in data/q850, {files} files, {count} named mention(s): "
          f"{len(problems)} wrong name(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
