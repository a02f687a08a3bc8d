#!/usr/bin/env python3
"""Times `ivp risk` with N samples at region size against N cold solves, in one run.

    Benchmarks/risk.py [--samples 1000] [--ivp PATH]

It writes the region scenario with `ivp generate --scale region --seed 1`, and a what-if beside it
that adds an `uncertainty` list (a crisis group raising claimed hours in two general pools and the
need of maatschappelijke onrust; a triangular availability; a uniform FTE). Then it times, as whole
processes (wall seconds, one run each):
  - `ivp risk region-risk.yaml --samples N --threads 1` and `--threads 2` (the reports are checked
    to be equal byte for byte);
  - the same run in 4 shards (`--shard K/4`, one after another) and `ivp risk --merge`, checked equal
    to the unsharded report;
  - N cold solves: `ivp sweep region-risk.yaml --vary pools.basisteam-oosbeek-general.fte` over N
    values with `--cold --no-stable` (each point built and solved from scratch in one process),
    and one `ivp solve` times N, for scale.
It prints a Markdown table. Builds `ivp` in release mode when missing.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

UNCERTAINTY = """extends: region.yaml
uncertainty:
  - {parameter: pools.basisteam-gerveen-general.claimed_hours, distribution: discrete, values: [26244, 32000], probabilities: [0.85, 0.15], group: crisis}
  - {parameter: pools.basisteam-nijsloot-general.claimed_hours, distribution: discrete, values: [52088, 60000], probabilities: [0.85, 0.15], group: crisis}
  - {parameter: themes.maatschappelijke-onrust.need.per_1000_inhabitants, distribution: discrete, values: [50, 80], probabilities: [0.85, 0.15], group: crisis}
  - {parameter: pools.basisteam-aalveen-general.availability, distribution: triangular, low: 0.8, mode: 0.87, high: 0.9}
  - {parameter: pools.basisteam-oosbeek-general.fte, distribution: uniform, low: 68, high: 76}
"""


def run(command):
    start = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {process.stderr.strip()[:400]}")
    return seconds, process.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--ivp", default=os.path.join(ROOT, ".build", "release", "ivp"))
    args = parser.parse_args()
    if not os.path.exists(args.ivp):
        subprocess.run(["swift", "build", "-c", "release", "--product", "ivp"], cwd=ROOT, check=True)
    ivp, n = args.ivp, args.samples
    with tempfile.TemporaryDirectory() as folder:
        region = os.path.join(folder, "region.yaml")
        risky = os.path.join(folder, "region-risk.yaml")
        run([ivp, "generate", "--scale", "region", "--seed", "1", "--output", region])
        with open(risky, "w") as file:
            file.write(UNCERTAINTY)
        rows = []
        one, report = run([ivp, "risk", risky, "--samples", str(n), "--format", "json", "--threads", "1"])
        rows.append((f"`ivp risk --samples {n} --threads 1`", one))
        two, report2 = run([ivp, "risk", risky, "--samples", str(n), "--format", "json", "--threads", "2"])
        rows.append((f"`ivp risk --samples {n} --threads 2`", two))
        if report2 != report:
            raise SystemExit("--threads 2 gave another report than --threads 1")
        sharded = 0.0
        parts = []
        for shard in range(1, 5):
            part = os.path.join(folder, f"part-{shard}.json")
            seconds, _ = run([ivp, "risk", risky, "--samples", str(n), "--threads", "1", "--shard", f"{shard}/4", "--output", part])
            sharded += seconds
            parts.append(part)
        merge, merged = run([ivp, "risk", "--merge", *parts, "--format", "json"])
        if merged != report:
            raise SystemExit("the merged shards gave another report than the unsharded run")
        rows.append(("4 shards one after another (`--shard K/4 --threads 1`), summed", sharded))
        rows.append(("`ivp risk --merge` of the 4 parts", merge))
        values = ",".join(str(68 + 8 * k / max(1, n - 1)) for k in range(n))
        cold, _ = run([ivp, "sweep", risky, "--vary", "pools.basisteam-oosbeek-general.fte", "--values", values,
                       "--cold", "--no-stable", "--format", "csv", "--threads", "1"])
        rows.append((f"{n} cold solves (`ivp sweep --cold --no-stable`, {n} values)", cold))
        single, _ = run([ivp, "solve", risky, "--format", "json", "--threads", "1"])
        rows.append((f"one `ivp solve` (whole process) × {n}", single * n))
        print(f"| region, {n} samples (release build, one run) | seconds |")
        print("|---|---:|")
        for label, seconds in rows:
            print(f"| {label} | {seconds:.2f} |")
        print()
        print(f"risk with 1 thread against the cold solves: {cold / one:.1f}x faster; "
              f"2 threads against 1: {one / two:.2f}x; reports equal across threads and shards.")


if __name__ == "__main__":
    sys.exit(main())
