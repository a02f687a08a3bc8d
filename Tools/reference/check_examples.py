#!/usr/bin/env python3
"""Check reference_model.py against the hand-computed optima in examples/.

Each example states its expected result in comment lines of the form
    # expect [ARGS]: {json}
(for a JSON scenario, in the sidecar file NAME.expect), and each file under examples/invalid/
states the error it must be rejected with as `# expect-error: TEXT`.

Checked keys: status, objective, ideal, attainment, min_attainment, stages, selected,
capacity {pool: C_p}, coverage {"theme/municipality": covered}, hour_value {pool: value} (both
the dual and the finite difference on the final LP, --fd) and hour_value_rerun {pool: value}
(the finite difference re-running the whole mode, --fd-rerun). Numbers must agree to a relative
1e-9 (absolute near zero): the optima are worked out exactly by hand.
"""

import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "reference_model.py")
EXPECT = re.compile(r"^#\s*expect((?:\s+[^:]+)?):\s*(\{.*\})\s*$")
# The hand-computed optima are exact, so the oracle itself is held to 1e-9 (relative, absolute
# near zero); the Swift implementation is compared with the oracle to 1e-6.
TOLERANCE = 1e-9
EXPECT_ERROR = re.compile(r"^#\s*expect-error:\s*(.+?)\s*$")


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def run(path, args):
    process = subprocess.run([sys.executable, MODEL, path] + args, capture_output=True, text=True)
    if process.returncode != 0:
        raise AssertionError(f"exit {process.returncode}: {process.stderr.strip()}")
    return json.loads(process.stdout)


def compare(expected, args, path, failures):
    label = f"{os.path.relpath(path, HERE)} {' '.join(args)}".strip()
    results = {"plain": run(path, args)}
    if "hour_value" in expected:
        results["fd"] = run(path, args + ["--fd"])
    if "hour_value_rerun" in expected:
        results["rerun"] = run(path, args + ["--fd-rerun"])
    result = results["plain"]

    def fail(message):
        failures.append(f"{label}: {message}")

    for key in ("status", "stages", "selected"):
        if key in expected:
            got = result.get(key)
            if key == "stages" and got is not None:
                ok = len(got) == len(expected[key]) and all(
                    g["group"] == e["group"] and close(g["objective"], e["objective"])
                    for g, e in zip(got, expected[key]))
            else:
                ok = got == expected[key]
            if not ok:
                fail(f"{key}: expected {expected[key]}, got {got}")
    for key in ("objective", "ideal", "attainment", "min_attainment"):
        if key in expected and not close(result.get(key), expected[key]):
            fail(f"{key}: expected {expected[key]}, got {result.get(key)}")
    pools = {p["id"]: p for p in result["pools"]}
    for pool, value in expected.get("capacity", {}).items():
        if not close(pools[pool]["capacity"], value):
            fail(f"capacity[{pool}]: expected {value}, got {pools[pool]['capacity']}")
    for pool, value in expected.get("hour_value", {}).items():
        dual = pools[pool]["hour_value"]
        fd = {p["id"]: p for p in results["fd"]["pools"]}[pool]["hour_value"]
        if not close(dual, value):
            fail(f"hour_value[{pool}] (dual): expected {value}, got {dual}")
        if not close(fd, value):
            fail(f"hour_value[{pool}] (--fd): expected {value}, got {fd}")
    for pool, value in expected.get("hour_value_rerun", {}).items():
        fd = {p["id"]: p for p in results["rerun"]["pools"]}[pool]["hour_value"]
        if not close(fd, value):
            fail(f"hour_value[{pool}] (--fd-rerun): expected {value}, got {fd}")
    coverage = {f"{c['theme']}/{c['municipality']}": c["covered"] for c in result["coverage"]}
    for key, value in expected.get("coverage", {}).items():
        if not close(coverage.get(key, 0.0 if value == 0 else None), value):
            fail(f"coverage[{key}]: expected {value}, got {coverage.get(key)}")
    return label


def main():
    failures, checked = [], []
    for path in sorted(glob.glob(os.path.join(HERE, "examples", "*.yaml"))
                       + glob.glob(os.path.join(HERE, "examples", "*.json"))):
        source = path if path.endswith(".yaml") else os.path.splitext(path)[0] + ".expect"
        with open(source, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        expectations = [EXPECT.match(line) for line in lines]
        expectations = [m for m in expectations if m]
        if not expectations:
            failures.append(f"{path}: no expectation")
        for match in expectations:
            args = match.group(1).split()
            try:
                checked.append(compare(json.loads(match.group(2)), args, path, failures))
            except AssertionError as error:
                failures.append(f"{os.path.relpath(path, HERE)} {' '.join(args)}: {error}")
    for path in sorted(glob.glob(os.path.join(HERE, "examples", "invalid", "*.yaml"))):
        with open(path, encoding="utf-8") as handle:
            wanted = [m.group(1) for m in map(EXPECT_ERROR.match, handle.read().splitlines()) if m]
        process = subprocess.run([sys.executable, MODEL, path], capture_output=True, text=True)
        label = os.path.relpath(path, HERE)
        checked.append(label)
        if process.returncode != 2 or not all(w in process.stderr for w in wanted):
            failures.append(f"{label}: expected exit 2 with {wanted}, got exit "
                            f"{process.returncode}: {process.stderr.strip()}")
    for label in checked:
        print(f"checked {label}")
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{len(checked)} checks, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
