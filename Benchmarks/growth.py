#!/usr/bin/env python3
"""Growth with the size of the file (issue 15, item 7): generates scenarios of N one-cell themes
(each local, adopted by one municipality, need by_municipality), with a pool whose `limits` name
some themes, and times `ivp validate` and `ivp solve --format json` on each. Prints a Markdown
table and the growth exponent between the smallest and the largest N: log(t_large / t_small) /
log(N_large / N_small). 1 is linear, 2 quadratic.

    python3 Benchmarks/growth.py                          # 1000,10000,20000,100000; .build/release/ivp
    python3 Benchmarks/growth.py --sizes 1000,10000 --ivp .build/debug/ivp
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MUNICIPALITIES = 20


def scenario(themes):
    lines = ["name: Growth %d" % themes, "hours_per_fte: 1500", "units: [{id: u, name: U}]",
             "districts: [{id: d, name: D, unit: u}]", "base_teams: [{id: b, name: B, district: d}]",
             "municipalities:"]
    for m in range(MUNICIPALITIES):
        lines.append("  - {id: m%d, name: M%d, base_team: b, population: %d}" % (m, m, 10000 + m))
    limited = ", ".join("t%d" % t for t in range(0, themes, max(1, themes // 50)))
    lines += ["pools:",
              "  - {id: general, at: b, kind: general, fte: %d, limits: [{themes: [%s], max_share: 0.5}]}"
              % (themes // 10 + 1, limited),
              "  - {id: detectives, at: d, kind: investigation, fte: %d}" % (themes // 20 + 1),
              "themes:"]
    for t in range(themes):
        lines.append("  - {id: t%d, level: local, adopted_by: [m%d], kinds: {general: 1, investigation: 0.8}, "
                     "weight: %s, need: {by_municipality: {m%d: %d}}}"
                     % (t, t % MUNICIPALITIES, 1 + (t % 7) / 10, t % MUNICIPALITIES, 100 + t % 300))
    return "\n".join(lines) + "\n"


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(command), result.returncode, result.stderr.decode()[:500]))
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,20000,100000")
    parser.add_argument("--ivp", default=os.path.join(ROOT, ".build", "release", "ivp"))
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = os.path.join(directory, "growth-%d.yaml" % size)
            with open(path, "w") as file:
                file.write(scenario(size))
            validate = timed([arguments.ivp, "validate", path])
            solve = timed([arguments.ivp, "solve", path, "--format", "json", "--output", os.devnull])
            rows.append((size, os.path.getsize(path), validate, solve))
    print("| themes | file bytes | validate s | solve --format json s |")
    print("|---:|---:|---:|---:|")
    for size, length, validate, solve in rows:
        print("| %d | %d | %.2f | %.2f |" % (size, length, validate, solve))
    (n0, _, v0, s0), (n1, _, v1, s1) = rows[0], rows[-1]
    print()
    print("Exponent from %d to %d themes: validate %.2f, solve %.2f"
          % (n0, n1, math.log(v1 / v0) / math.log(n1 / n0), math.log(s1 / s0) / math.log(n1 / n0)))


if __name__ == "__main__":
    main()
