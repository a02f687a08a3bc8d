#!/usr/bin/env python3
"""Times `ivp risk` with N samples at region size against N cold solves, in one run.

    Benchmarks/risk.py [--samples 1000] [--cold-solves N] [--ivp PATH]

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
import resource
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


def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command):
    """Runs a process; returns ((wall seconds, CPU seconds), stdout)."""
    start, start_cpu = time.perf_counter(), cpu()
    process = subprocess.run(command, capture_output=True, text=True)
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {process.stderr.strip()[:400]}")
    return (seconds, cpu_seconds), process.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--cold-solves", type=int, default=None)
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
        sharded = (0.0, 0.0)
        parts = []
        for shard in range(1, 5):
            part = os.path.join(folder, f"part-{shard}.json")
            seconds, _ = run([ivp, "risk", risky, "--samples", str(n), "--threads", "1", "--shard", f"{shard}/4", "--output", part])
            sharded = (sharded[0] + seconds[0], sharded[1] + seconds[1])
            parts.append(part)
        merge, merged = run([ivp, "risk", "--merge", *parts, "--format", "json"])
        if merged != report:
            raise SystemExit("the merged shards gave another report than the unsharded run")
        rows.append(("4 shards one after another (`--shard K/4 --threads 1`), summed", sharded))
        rows.append(("`ivp risk --merge` of the 4 parts", merge))
        k = args.cold_solves or n
        values = ",".join(str(68 + 8 * i / max(1, k - 1)) for i in range(k))
        cold, _ = run([ivp, "sweep", risky, "--vary", "pools.basisteam-oosbeek-general.fte", "--values", values,
                       "--cold", "--no-stable", "--format", "csv", "--threads", "1"])
        rows.append((f"{k} cold solves (`ivp sweep --cold --no-stable --threads 1`, {k} values)", cold))
        single, _ = run([ivp, "solve", risky, "--format", "json", "--threads", "1"])
        rows.append(("one `ivp solve --threads 1` (whole process)", single))
        print(f"| region, {n} samples (release build, one run) | wall seconds | CPU seconds |")
        print("|---|---:|---:|")
        for label, (wall, cpu_seconds) in rows:
            print(f"| {label} | {wall:.2f} | {cpu_seconds:.2f} |")
        print()
        per_cold, per_sample = cold[1] / k, one[1] / n
        print(f"CPU per cold solve {per_cold:.3f} s, per sample {per_sample:.3f} s: "
              f"{n} samples cost {per_sample * n:.1f} s against {per_cold * n:.1f} s for {n} cold solves "
              f"({per_cold / per_sample:.1f}x); reports equal across threads and shards.")


if __name__ == "__main__":
    sys.exit(main())
