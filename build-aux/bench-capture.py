#!/usr/bin/env python3
"""Capture reading against sngrep and tshark, and our memory on small and huge captures.

  bench-capture.py compare SIP_CODES FILE [--runs N]
      `sip-codes capture FILE --stats`, `sngrep -I FILE -N -q -O /dev/null` and
      `tshark -r FILE -q -z sip,stat`, in turn in one run (one warm-up each, then N rounds):
      the median wall time of each, the medians of the per-round ratios sngrep/ours and
      tshark/ours against the goals, and peak RSS.
  bench-capture.py memory SIP_CODES DIR GENERATOR [--calls N ...] [--runs N]
      generates captures of N calls (10,000 and 1,000,000 unless given) into DIR with
      GENERATOR (`GENERATOR OUT --calls N --seed 1`), once, and prints our wall time and peak
      RSS on each: memory is bounded by the calls open at once, not by the file's size.

Figures only: nothing is asserted. Each run's wall time is a monotonic clock around the child,
its peak RSS the kernel's accounting of the finished child (wait4).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

GOALS = {"sngrep": 10, "tshark": 20}
INSTALL = {"sngrep": "apt-get install -y sngrep",
           "tshark": "DEBIAN_FRONTEND=noninteractive apt-get install -y tshark"}


def run(argv, keep_output=False):
    """One run: (wall seconds, peak RSS in KiB, output or None)."""
    out = subprocess.PIPE if keep_output else subprocess.DEVNULL
    start = time.monotonic()
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    output = child.stdout.read().decode(errors="replace") if keep_output else None
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{argv[0]} exited with {child.returncode}: {' '.join(argv)}\n{output or ''}")
    return wall, usage.ru_maxrss, output


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def sip_messages(tool, output):
    """What each tool says it counted, to show they did the same work."""
    pattern = {"ours": r"(\d+) SIP messages", "tshark": r"Number of SIP messages: (\d+)"}.get(tool)
    match = re.search(pattern, output) if pattern else None
    return match.group(1) if match else None


def compare(args):
    tools = {"ours": [args.sip_codes, "capture", args.file, "--stats"],
             "sngrep": ["sngrep", "-I", args.file, "-N", "-q", "-O", "/dev/null"],
             "tshark": ["tshark", "-r", args.file, "-q", "-z", "sip,stat"]}
    for name in ("sngrep", "tshark"):
        if shutil.which(name) is None:
            print(f"{name}: not installed, left out (install it: {INSTALL[name]})")
            del tools[name]
    print(f"capture: {args.file} ({os.path.getsize(args.file) / 1e6:.1f} MB); "
          f"{args.runs} rounds after a warm-up, the tools in turn")
    counted = {}
    for name, argv in tools.items():
        counted[name] = sip_messages(name, run(argv, keep_output=True)[2])
    walls = {name: [] for name in tools}
    peaks = {name: [] for name in tools}
    for _ in range(args.runs):
        for name, argv in tools.items():
            wall, peak, _ = run(argv)
            walls[name].append(wall)
            peaks[name].append(peak)
    print(f"{'tool':8} {'wall median':>12} {'min':>8} {'max':>8} {'peak RSS':>12}  SIP messages counted")
    for name in tools:
        print(f"{name:8} {statistics.median(walls[name]):11.3f}s {min(walls[name]):7.3f}s {max(walls[name]):7.3f}s "
              f"{mib(statistics.median(peaks[name])):>12}  {counted[name] or '-'}")
    for name, goal in GOALS.items():
        if name not in tools:
            continue
        ratio = statistics.median(theirs / ours for theirs, ours in zip(walls[name], walls["ours"]))
        print(f"{name}/ours: {ratio:.1f}x (goal >= {goal}x: {'met' if ratio >= goal else 'not met'})")
    print(f"our peak RSS: {mib(statistics.median(peaks['ours']))}")


def memory(args):
    os.makedirs(args.dir, exist_ok=True)
    print(f"generator: {args.generator}")
    print(f"{'calls':>10} {'file':>10} {'wall median':>12} {'peak RSS':>12}")
    for calls in args.calls:
        path = os.path.join(args.dir, f"capture-{calls}.pcap")
        if not os.path.exists(path):
            print(f"(writing {path})", flush=True)
            subprocess.run([sys.executable, args.generator, path + ".part", "--calls", str(calls), "--seed", "1"],
                           check=True)
            os.rename(path + ".part", path)
        results = [run([args.sip_codes, "capture", path, "--stats"]) for _ in range(args.runs)]
        print(f"{calls:>10} {os.path.getsize(path) / 1e6:>8.0f}MB {statistics.median(r[0] for r in results):11.2f}s "
              f"{mib(statistics.median(r[1] for r in results)):>12}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("compare")
    one.add_argument("sip_codes")
    one.add_argument("file")
    one.add_argument("--runs", type=int, default=5)
    one.set_defaults(func=compare)
    two = sub.add_parser("memory")
    two.add_argument("sip_codes")
    two.add_argument("dir")
    two.add_argument("generator")
    two.add_argument("--calls", type=int, nargs="+", default=[10_000, 1_000_000])
    two.add_argument("--runs", type=int, default=3)
    two.set_defaults(func=memory)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
