#!/usr/bin/env python3
"""Times `ivp solve --robust` against glpsol and HiGHS on the exported extensive form, one run.

    Benchmarks/robust.py [--scale region] [--samples 100] [--seed 1] [--ivp PATH] [--limit 900]
                         [--solvers ivp,glpsol-dual,glpsol-interior,highs-simplex,highs-ipm]

It writes a scenario with `ivp generate --scale SCALE --seed 1` and adds an `uncertainty` list to
it (every pool's FTE uniform within -8%..+2%, and one crisis group that claims 0, 5% or 20% of the
capacity of every base-team pool at once, with probabilities 0.7, 0.2 and 0.1). Then, as whole
processes (wall seconds):
  - `ivp solve FILE --robust --samples N --seed S --format json` (the L-shaped decomposition on
    both cores, and the VSS, EVPI and normal-year re-solves on top);
  - `ivp export FILE --robust --samples N --seed S --format mps` (the extensive form), and on it
    glpsol --max with its dual simplex and long-step ratio test (--dual --flip, its fastest simplex)
    and with its interior point, HiGHS (`pip install highspy`, its default threads) with its simplex
    and its interior point (with crossover), each stopped after --limit seconds;
and checks that every solver that finished reaches ivp's optimum (relative 1e-6). Prints a Markdown
table. --solvers runs some of the rows only (the ratio column then needs the ivp row). Needs
python3 with pyyaml, glpsol and highspy; builds `ivp` in release mode when missing.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HIGHS_SCRIPT = r"""
import sys, highspy
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.setOptionValue("solver", sys.argv[2])
h.setOptionValue("time_limit", float(sys.argv[3]))
h.readModel(sys.argv[1])
h.changeObjectiveSense(highspy.ObjSense.kMaximize)
h.run()
print("STATUS", h.modelStatusToString(h.getModelStatus()))
print("OBJECTIVE", repr(h.getInfo().objective_function_value))
"""


def run(command, timeout=None):
    start = time.perf_counter()
    try:
        process = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, "", None, "timeout"
    return time.perf_counter() - start, process.stdout, process.returncode, process.stderr


def add_uncertainty(path, out):
    with open(path) as f:
        scenario = yaml.safe_load(f)
    base_teams = {team["id"] for team in scenario.get("base_teams", [])}
    entries = []
    for pool in scenario["pools"]:
        fte = pool["fte"]
        entries.append({"parameter": f"pools.{pool['id']}.fte", "distribution": "uniform",
                        "low": round(fte * 0.92, 3), "high": round(fte * 1.02, 3)})
    default_hours = scenario.get("hours_per_fte", 1)
    for pool in scenario["pools"]:
        if pool["at"] not in base_teams:
            continue
        hours = pool.get("hours_per_fte", default_hours)
        # The crisis claims a share of the pool's lowest capacity, so no year goes below zero.
        capacity = pool["fte"] * 0.92 * hours * pool.get("availability", 1) - pool.get("claimed_hours", 0)
        claimed = pool.get("claimed_hours", 0)
        entries.append({"parameter": f"pools.{pool['id']}.claimed_hours", "distribution": "discrete",
                        "values": [claimed, round(claimed + 0.05 * capacity, 1), round(claimed + 0.20 * capacity, 1)],
                        "probabilities": [0.7, 0.2, 0.1], "group": "crisis"})
    scenario["uncertainty"] = entries
    with open(out, "w") as f:
        yaml.safe_dump(scenario, f, sort_keys=False, allow_unicode=True)
    return len(entries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="region")
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ivp", default=os.path.join(ROOT, ".build", "release", "ivp"))
    parser.add_argument("--limit", type=float, default=900)
    parser.add_argument("--solvers", default="ivp,glpsol-dual,glpsol-interior,highs-simplex,highs-ipm")
    args = parser.parse_args()
    chosen = set(args.solvers.split(","))
    if not os.path.exists(args.ivp):
        subprocess.run(["swift", "build", "-c", "release", "--product", "ivp"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="ivp-robust-")
    generated = os.path.join(work, f"{args.scale}.yaml")
    scenario = os.path.join(work, f"{args.scale}-uncertain.yaml")
    subprocess.run([args.ivp, "generate", "--scale", args.scale, "--seed", "1", "-o", generated], check=True)
    entries = add_uncertainty(generated, scenario)
    robust = ["--robust", "--samples", str(args.samples), "--seed", str(args.seed)]

    rows, report, optimum = [], None, None
    if "ivp" in chosen:
        seconds, out, code, err = run([args.ivp, "solve", scenario, *robust, "--format", "json"])
        if code != 0:
            raise SystemExit(f"ivp solve --robust failed ({code}): {err[:400]}")
        report = json.loads(out)["robust"]
        optimum = report["objective"]
        rows.append(("ivp solve --robust (L-shaped, warm dual simplex, 2 threads)", seconds, optimum, "optimal"))

    mps = os.path.join(work, "extensive.mps")
    export_seconds, _, code, err = run([args.ivp, "export", scenario, *robust, "--format", "mps", "-o", mps])
    if code != 0:
        raise SystemExit(f"ivp export --robust failed ({code}): {err[:400]}")
    size = open(mps).read().count("\n")
    limit = str(int(args.limit))
    for key, label, method in [("glpsol-dual", "glpsol --max --dual --flip (simplex)", ["--dual", "--flip"]),
                               ("glpsol-interior", "glpsol --max --interior", ["--interior"])]:
        if key not in chosen:
            continue
        solution = os.path.join(work, f"{key}.txt")
        command = ["glpsol", "--max", "--freemps", mps, *method, "--tmlim", limit, "-o", solution]
        seconds, out, code, err = run(command, timeout=args.limit + 60)
        value, status = None, "timeout" if code is None else "?"
        if code is not None and os.path.exists(solution):
            for line in open(solution):
                if line.startswith("Status:"):
                    status = line.split(":", 1)[1].strip().lower()
                if line.startswith("Objective:"):
                    value = float(line.split("=")[1].split()[0])
        if "TIME LIMIT EXCEEDED" in out:
            status = "time limit"
        rows.append((label, seconds, value, status))
    for key, label, solver in [("highs-simplex", "HiGHS simplex", "simplex"),
                               ("highs-ipm", "HiGHS interior point (with crossover)", "ipm")]:
        if key not in chosen:
            continue
        seconds, out, code, err = run([sys.executable, "-c", HIGHS_SCRIPT, mps, solver, limit], timeout=args.limit + 60)
        value, status = None, "timeout" if code is None else "?"
        for line in out.splitlines():
            if line.startswith("STATUS"):
                status = line.split(" ", 1)[1].lower()
            if line.startswith("OBJECTIVE"):
                value = float(line.split(" ", 1)[1])
        rows.append((label, seconds, value, status))

    print(f"Scenario: ivp generate --scale {args.scale} --seed 1, {entries} uncertainty entries; "
          f"--samples {args.samples} --seed {args.seed}; extensive form {size} MPS lines, exported in {export_seconds:.1f} s.")
    if report is not None:
        print(f"ivp: {report['iterations']} rounds, {report['cuts']} cuts; E[Q] {report['expected_objective']:.3f}, "
              f"VSS {report['vss']:.3f}, EVPI {report['evpi']:.3f}.")
    print()
    print("| solver | seconds | objective | status | same optimum (1e-6) | ratio to ivp |")
    print("|---|---:|---:|---|---|---:|")
    base = rows[0][1] if report is not None else None
    for label, seconds, value, status in rows:
        if value is None or optimum is None:
            same = "–"
        else:
            same = "yes" if abs(value - optimum) <= 1e-6 * max(1, abs(optimum)) else f"no ({value - optimum:+.6g})"
        shown = "–" if value is None else f"{value:.6f}"
        ratio = "–" if base is None else f"{seconds / base:.1f}x"
        print(f"| {label} | {seconds:.1f} | {shown} | {status} | {same} | {ratio} |")


if __name__ == "__main__":
    main()
