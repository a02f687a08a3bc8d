#!/usr/bin/env python3
"""Growth with the size of the file (issue 15, item 7): generates scenarios of N one-cell themes
(each local, adopted by one municipality, need by_municipality), with a pool whose `limits` name
some themes, and times on each: `ivp validate` (reading and checking), `ivp export --format mps`
(that and building the model), and `ivp solve --format json` end to end, split by the report's
`solve_seconds` (building, solving and the result with its sensitivity ranges) from the rest
(process start, reading, checking, rendering and writing the report). Prints a Markdown table and
each column's growth exponent between the smallest and the largest N: log(t_large / t_small) /
log(N_large / N_small); 1 is linear, 2 quadratic.

The solve uses GLPK's interior point by default (--method): GLPK's simplex itself grows faster
than linearly on these models, and what is measured here is ivp's own code around it.

    python3 Benchmarks/growth.py                          # 1000,10000,20000,100000; .build/release/ivp
    python3 Benchmarks/growth.py --sizes 1000,10000 --ivp .build/debug/ivp --method automatic
"""
import argparse
import json
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


def exponent(n0, t0, n1, t1):
    return math.log(t1 / t0) / math.log(n1 / n0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,20000,100000")
    parser.add_argument("--ivp", default=os.path.join(ROOT, ".build", "release", "ivp"))
    parser.add_argument("--method", default="interior")
    parser.add_argument("--solve-up-to", type=int, default=20000,
                        help="solve only scenarios of at most this many themes (GLPK's own time grows fastest)")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = os.path.join(directory, "growth-%d.yaml" % size)
            with open(path, "w") as file:
                file.write(scenario(size))
            report = os.path.join(directory, "report.json")
            validate = timed([arguments.ivp, "validate", path])
            export = timed([arguments.ivp, "export", path, "--format", "mps", "--output", os.devnull])
            if size <= arguments.solve_up_to:
                total = timed([arguments.ivp, "solve", path, "--format", "json", "--method", arguments.method, "--output", report])
                with open(report) as file:
                    inside = json.load(file)["solve_seconds"]
            else:
                total = inside = float("nan")
            rows.append((size, os.path.getsize(path), validate, export, total, inside, total - inside))
            print("themes %d done: %s" % (size, rows[-1]), file=sys.stderr)
    print("| themes | file bytes | validate s | export s | solve s | of which solve_seconds | rest (load, report) s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f |" % row)
    names = ["validate", "export", "solve", "solve_seconds", "rest"]
    print()
    for index, name in zip(range(2, 7), names):
        measured = [row for row in rows if not math.isnan(row[index])]
        first, last = measured[0], measured[-1]
        print("- %s: exponent %.2f from %d to %d themes" % (name, exponent(first[0], first[index], last[0], last[index]),
                                                           first[0], last[0]))


if __name__ == "__main__":
    main()
