#!/usr/bin/env python3
"""`sip-codes capture FILE --calls --json` against the truth of generated captures.

  check-capture-truth.py GEN_CAPTURE [--calls N] [RUN ...]

RUN is SEED or SEED:pcapng (default: 1 2 3 3:pcapng). For each, gen-capture.py writes a capture
and its truth into a temporary folder; every Call-ID must come out once, with the truth's
method, final code and codes in order. SIP_CODES_BIN is the sip-codes to run (SIP_CODES_DB
its knowledge base). Each difference is printed; any fails the check.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile


def differences(truth, lines):
    """What the output says otherwise than the truth, a line each."""
    got = {}
    out = []
    for line in lines:
        call = json.loads(line)
        if call["call_id"] in got:
            out.append(f"{call['call_id']}: reported twice")
        got[call["call_id"]] = call
    for call_id, expected in truth.items():
        call = got.pop(call_id, None)
        if call is None:
            out.append(f"{call_id} ({expected['scenario']}): missing")
            continue
        for field in ("method", "final", "codes"):
            if call[field] != expected[field]:
                out.append(f"{call_id} ({expected['scenario']}, {expected['transport']}"
                           f"{', IPv6' if expected['ipv6'] else ''}): {field} expected {json.dumps(expected[field])}"
                           f", got {json.dumps(call[field])}")
    out += [f"{call_id}: not in the truth" for call_id in got]
    return out


def check(generator, binary, calls, run, folder):
    seed, _, form = run.partition(":")
    capture = os.path.join(folder, f"seed{seed}.{form or 'pcap'}")
    truth_path = os.path.join(folder, f"seed{seed}-{form or 'pcap'}.json")
    subprocess.run([sys.executable, generator, capture, "--calls", str(calls), "--seed", seed,
                    "--truth", truth_path] + (["--pcapng"] if form == "pcapng" else []), check=True)
    with open(truth_path) as f:
        truth = json.load(f)
    result = subprocess.run([binary, "capture", capture, "--calls", "--json"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"seed {run}: {binary} capture exited with {result.returncode}:\n{result.stderr.strip()}")
    return differences(truth, result.stdout.splitlines())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("generator")
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("runs", nargs="*", default=["1", "2", "3", "3:pcapng"])
    args = parser.parse_intermixed_args()
    binary = os.environ.get("SIP_CODES_BIN", "sip-codes")
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for run in args.runs:
            found = check(args.generator, binary, args.calls, run, folder)
            print(f"seed {run}, {args.calls} calls: {len(found) or 'no'} difference{'s' if len(found) != 1 else ''}")
            for line in found:
                print("  " + line)
            failed = failed or bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
