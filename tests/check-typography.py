#!/usr/bin/env python3
"""English prose in the knowledge base uses typographic quotes and apostrophes (’ “ ” ‘),
as GNOME's writing guidelines ask; SIP syntax quoted in it keeps its straight quotes
(text="Call completed elsewhere", a display name before a URI, JSON).

Usage: check-typography.py SOURCE_ROOT. Exit 1 naming each file and key that breaks the rule."""
import glob
import os
import re
import sys

PROSE = re.compile(r'^(Cause|Fix|Note|Difference|When|Summary|NextStepDetail|Description|Origin|Senders|NextStep|Meaning|Check|Sender|Deviation)\d*=')
SYNTAX = [
    re.compile(r'[\w.-]+="[^"]*"'),   # a parameter's quoted value
    re.compile(r'"[^"]*"\s*<'),         # a display name before a URI
    re.compile(r'\{"[^}]*\}'),          # a JSON object
    re.compile(r'\b[A-Z][\w-]*: [^"“”]*"[^"]*"'),  # a header line quoting a value (Warning: 399 host "text")
]


def problems(value):
    for pattern in SYNTAX:
        value = pattern.sub('', value)
    if re.search(r"\w'\w|s'[\s,.;:)]", value):
        yield "a straight apostrophe (use ’)"
    if '"' in value:
        yield 'a straight double quote outside SIP syntax (use “ ”)'
    if re.search(r"(^|[\s(])'[^']+'", value):
        yield "straight single quotes (use ‘ ’)"


def main():
    root = sys.argv[1]
    failures = 0
    files = sorted(path for kind in ('codes', 'compare', 'warnings', 'q850', 'headers')
                   for path in glob.glob(os.path.join(root, 'data', kind, '*.ini')))
    if not files:
        print('no knowledge base files under', root)
        return 1
    for path in files:
        with open(path, encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                key = line.split('=', 1)[0]
                if not PROSE.match(line) or '[' in key:
                    continue
                for problem in problems(line.split('=', 1)[1]):
                    print(f'{os.path.relpath(path, root)}:{number}: {key}: {problem}')
                    failures += 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
