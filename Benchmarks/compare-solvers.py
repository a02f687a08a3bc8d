#!/usr/bin/env python3
"""Times `ivp solve` against glpsol and HiGHS on generated scenarios, side by side in one run.

    Benchmarks/compare-solvers.py [--scales district,region,nation,real-nation] [--runs 3] [--ivp PATH]
                                  [--batch-scenarios 8] [--batch-municipalities 80]

For each scale it writes a scenario with `ivp generate --seed 1` (`real-nation`: `ivp generate
--real nation --seed 1`, the 342 real municipalities whose land borders couple the police units
through the displacement bounds of national themes; the others fall apart into independent
units), exports the exact model with
`ivp export --format mps`, and times, as whole processes (wall seconds, median of --runs; peak
resident memory of the process):
  - `ivp solve FILE --format json` end to end (load, build, solve with the automatic method, the
    headline re-solves, report), and the same with `--no-headlines` (the allocation and its
    marginal values only: the work glpsol and HiGHS do);
  - `glpsol --max` on the MPS with its dual simplex + long-step ratio test and with its interior
    point (the MPS has no objective sense: it is a maximisation, hence --max); "best" is the faster;
  - HiGHS (`pip install highspy`) on the MPS with the sense set to maximise, simplex and IPM.
The runs are interleaved (round r runs every command once, in turn), so a slow minute of a noisy
machine falls on every solver alike; a ratio is the median over the rounds of that round's ratio
(ivp's time over the faster of HiGHS' two in the same round). It checks that every solver reaches
the same optimum (relative 1e-6), then prints a Markdown table of times and ratios. Finally it times `ivp batch` over --batch-scenarios generated scenarios with
1 and with 2 jobs. Needs python3, glpsol and highspy; builds `ivp` in release mode when missing.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HIGHS_SCRIPT = r"""
import sys, highspy
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.setOptionValue("solver", sys.argv[2])
h.setOptionValue("threads", 1)
h.readModel(sys.argv[1])
h.changeObjectiveSense(highspy.ObjSense.kMaximize)
h.run()
print("STATUS", h.modelStatusToString(h.getModelStatus()))
print("OBJECTIVE", repr(h.getInfo().objective_function_value))
"""


def run(command):
    """Runs a process; returns (wall seconds, stdout, exit code, stderr)."""
    start = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - start, process.stdout, process.returncode, process.stderr


def timed_together(commands, runs):
    """Every command once per round, `runs` rounds: for each name, its wall seconds per round, the
    peak RSS (MB) of one extra measured run and the output of its last run."""
    times = {name: [] for name in commands}
    outputs = {}
    for _ in range(runs):
        for name, command in commands.items():
            seconds, output, code, stderr = run(command)
            if code != 0:
                raise SystemExit(f"{' '.join(command)} failed ({code}): {stderr.strip()[:400]}")
            times[name].append(seconds)
            outputs[name] = output
    peaks = {name: peak_memory(command) for name, command in commands.items()}
    return times, peaks, outputs


def round_ratio(numerator, denominators):
    """The median over rounds of numerator[r] / min(d[r] for d in denominators)."""
    return statistics.median(n / min(d[r] for d in denominators) for r, n in enumerate(numerator))


def peak_memory(command):
    """Peak resident memory in MB of one run, as GNU time reports it (%M, kilobytes). Not from
    this script's rusage: a child forked from Python counts Python's pages until it execs."""
    if not os.path.exists("/usr/bin/time"):
        return float("nan")
    process = subprocess.run(["/usr/bin/time", "-f", "PEAK %M"] + command, capture_output=True, text=True)
    lines = [line for line in process.stderr.splitlines() if line.startswith("PEAK ")]
    return int(lines[-1].split()[1]) / 1024 if lines else float("nan")


def objective_from_glpsol(path):
    with open(path) as handle:
        output = handle.read()
    for line in output.splitlines():
        if line.startswith("Objective:"):
            # "Objective:  R0000000 = 190034.4323 (MAXimum)"
            return float(line.split("=")[1].split()[0])
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="district,region,nation,real-nation")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ivp", default=os.path.join(ROOT, ".build", "release", "ivp"))
    parser.add_argument("--batch-scenarios", type=int, default=8)
    parser.add_argument("--batch-municipalities", type=int, default=80)
    args = parser.parse_args()

    if not os.path.exists(args.ivp):
        print("building ivp (release) ...", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--product", "ivp"], cwd=ROOT, check=True)
    for tool in ["glpsol"]:
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (apt-get install glpk-utils)")
    try:
        import highspy  # noqa: F401
        highs_version = highspy.Highs().version()
    except ImportError:
        raise SystemExit("highspy is not installed (pip install highspy)")
    glpk_version = subprocess.run(["glpsol", "--version"], capture_output=True, text=True).stdout.splitlines()[0]

    work = tempfile.mkdtemp(prefix="ivp-compare-")
    highs_script = os.path.join(work, "highs_solve.py")
    with open(highs_script, "w") as handle:
        handle.write(HIGHS_SCRIPT)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"{glpk_version}; HiGHS {highs_version} (highspy, 1 thread); median of {args.runs} interleaved runs, "
          f"whole-process wall seconds")
    print()
    print("| scale | rows x cols (nnz) | ivp solve | ivp --no-headlines | glpsol dual+flip | glpsol interior | HiGHS simplex "
          "| HiGHS ipm | ivp / HiGHS best | --no-headlines / HiGHS best | ivp / glpsol best | peak MB ivp / glpsol |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scale in args.scales.split(","):
        scenario = os.path.join(work, f"{scale}.yaml")
        model = os.path.join(work, f"{scale}.mps")
        size_arguments = ["--real", "nation"] if scale == "real-nation" else ["--scale", scale]
        subprocess.run([args.ivp, "generate"] + size_arguments + ["--seed", "1", "--output", scenario], check=True)
        subprocess.run([args.ivp, "export", scenario, "--format", "mps", "--output", model], check=True)

        times, peaks, outputs = timed_together({
            "ivp": [args.ivp, "solve", scenario, "--format", "json"],
            "bare": [args.ivp, "solve", scenario, "--format", "json", "--no-headlines"],
            "dual": ["glpsol", "--max", "--freemps", model, "--dual", "--flip", "-o", os.path.join(work, "dual.out")],
            "interior": ["glpsol", "--max", "--freemps", model, "--interior", "-o", os.path.join(work, "interior.out")],
            "highs simplex": [sys.executable, highs_script, model, "simplex"],
            "highs ipm": [sys.executable, highs_script, model, "ipm"],
        }, args.runs)
        ivp_time, bare_time, dual_time, ipt_time, hs_time, hi_time = (
            statistics.median(times[name]) for name in ["ivp", "bare", "dual", "interior", "highs simplex", "highs ipm"])
        ivp_peak, dual_peak, ipt_peak = peaks["ivp"], peaks["dual"], peaks["interior"]
        ivp_out, bare_out, dual_out = outputs["ivp"], outputs["bare"], outputs["dual"]
        hs_out, hi_out = outputs["highs simplex"], outputs["highs ipm"]
        import json
        ivp_result = json.loads(ivp_out)

        size = next((line for line in dual_out.splitlines() if "rows," in line and "non-zeros" in line), "")
        size = size.replace(" rows, ", " x ").replace(" columns, ", " (").replace(" non-zeros", ")").strip()
        objectives = {
            "ivp": ivp_result["objective"],
            "ivp --no-headlines": json.loads(bare_out)["objective"],
            "glpsol dual": objective_from_glpsol(os.path.join(work, "dual.out")),
            "glpsol interior": objective_from_glpsol(os.path.join(work, "interior.out")),
            "HiGHS simplex": float(hs_out.split("OBJECTIVE")[1].split()[0]),
            "HiGHS ipm": float(hi_out.split("OBJECTIVE")[1].split()[0]),
        }
        reference = objectives["ivp"]
        for name, value in objectives.items():
            if value is None or abs(value - reference) > 1e-6 * max(1.0, abs(reference)):
                print(f"warning: {scale}: {name} objective {value} differs from ivp's {reference}", file=sys.stderr)
        best_peak = dual_peak if dual_time <= ipt_time else ipt_peak
        highs = [times["highs simplex"], times["highs ipm"]]
        glpsol = [times["dual"], times["interior"]]
        print(f"| {scale} | {size} | {ivp_time:.2f} ({ivp_result['method']}) | {bare_time:.2f} | {dual_time:.2f} "
              f"| {ipt_time:.2f} | {hs_time:.2f} | {hi_time:.2f} | {round_ratio(times['ivp'], highs):.2f} "
              f"| {round_ratio(times['bare'], highs):.2f} | {round_ratio(times['ivp'], glpsol):.2f} "
              f"| {ivp_peak:.0f} / {best_peak:.0f} |")

    # Batch: the same scenarios with 1 and with 2 jobs.
    folder = os.path.join(work, "batch")
    os.makedirs(folder)
    for seed in range(1, args.batch_scenarios + 1):
        subprocess.run([args.ivp, "generate", "--municipalities", str(args.batch_municipalities), "--seed", str(seed),
                        "--output", os.path.join(folder, f"scenario-{seed}.yaml")], check=True)
    print()
    print(f"batch of {args.batch_scenarios} generated scenarios of {args.batch_municipalities} municipalities:")
    times = {}
    for jobs in (1, 2):
        samples = []
        for run_index in range(args.runs):
            out = os.path.join(work, f"batch-out-{jobs}-{run_index}")
            seconds, _, code, stderr = run([args.ivp, "batch", folder, "--output", out, "--jobs", str(jobs)])
            if code != 0:
                raise SystemExit(f"ivp batch failed ({code}): {stderr[-400:]}")
            samples.append(seconds)
        times[jobs] = statistics.median(samples)
        print(f"- --jobs {jobs}: {times[jobs]:.2f} s")
    print(f"- speed-up with 2 jobs: {times[1] / times[2]:.2f}x")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
