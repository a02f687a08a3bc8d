#!/usr/bin/env python3
"""Latency of `ivp serve`: from sending a change to having its response (the JSON of `ivp solve` plus
the stable difference against the plan), p50 and p95 over N random changes per setting, with 1 and
with 8 concurrent sessions; and the server's peak memory per session.

    swift build -c release --product ivp && swift build -c release --product ivp-serve
    python3 Benchmarks/serve-latency.py [--changes 200] [--scales gooi,region,nation] [--sessions 1,8] [--headline-every 10]

A change is one random lever of the page (a pool's FTE or availability, a theme's weight or minimum,
the reserve) set to a random value near the plan's; some make the scenario infeasible, which is
measured too (its diagnosis is part of the answer). A change's answer leaves the headline re-solves out
(the page asks for them right after showing the state); after every 10th change the script times that
follow-up request (GET .../result) too, reported apart. "server CPU ms per change": the server's CPU
time over the run (every request: opening the session, the changes, the follow-ups) divided by the
changes: on a shared machine the latencies grow with the machine's load, the CPU time hardly. With 8 sessions the changes are spread over 8
client threads, one session each, all at once; each latency is still one request's.
"""
import argparse
import concurrent.futures
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = "benchmark-" + os.urandom(8).hex()


def request(base, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else (b"{}" if method == "POST" else None)
    req = urllib.request.Request(base + path, method=method, data=data,
                                 headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=600) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_ms(pid):
    """The process's CPU time so far (user + system), in milliseconds: what a change costs the
    server whatever else the machine runs."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def levers(base, session):
    status, body = request(base, "GET", f"/api/sessions/{session}/fragments?lang=en")
    values = json.loads(body)["values"]
    keys = [k for k in values if k == "reserve" or k.endswith((".fte", ".availability", ".weight", ".minimum"))]
    return keys, values


def random_change(rng, keys, values):
    key = rng.choice(keys)
    current = float((values.get(key) or "0").replace(",", "."))
    if key.endswith(".fte"):
        value = round(current * rng.uniform(0.85, 1.15), 1)
    elif key.endswith(".availability"):
        value = round(rng.uniform(0.75, 0.95), 3)
    elif key.endswith(".weight"):
        value = round(current * rng.uniform(0.5, 1.5) + 0.05, 3)
    elif key.endswith(".minimum"):
        value = round(rng.uniform(0, 0.4), 3)
    else:
        value = round(rng.uniform(0, 0.2), 3)
    return {"parameter": key, "value": value}


def run_session(base, scenario, changes, seed, headline_every):
    status, body = request(base, "POST", "/api/sessions", {"scenario": scenario})
    if status != 201:
        raise RuntimeError(f"open session: {status} {body[:200]}")
    session = json.loads(body)["id"]
    keys, values = levers(base, session)
    rng = random.Random(seed)
    latencies, headlines, statuses = [], [], {}
    for number in range(changes):
        change = random_change(rng, keys, values)
        start = time.perf_counter()
        status, body = request(base, "POST", f"/api/sessions/{session}/changes", change)
        latencies.append((time.perf_counter() - start) * 1000)
        result = json.loads(body)
        key = result.get("status", f"http {status}")
        statuses[key] = statuses.get(key, 0) + 1
        if headline_every and number % headline_every == 0:
            # What the page asks right after showing the state: its headline figures, re-solved.
            start = time.perf_counter()
            request(base, "GET", f"/api/sessions/{session}/result")
            headlines.append((time.perf_counter() - start) * 1000)
    return latencies, headlines, statuses


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(share * (len(ordered) - 1)))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--scales", default="gooi,region,nation")
    parser.add_argument("--sessions", default="1,8")
    parser.add_argument("--ivp", default=os.path.join(ROOT, ".build", "release", "ivp"))
    parser.add_argument("--headline-every", type=int, default=10,
                        help="after every N-th change, time GET .../result (the headline re-solves the page asks for next)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="ivp-serve-bench-")
    try:
        scales = args.scales.split(",")
        for scale in scales:
            if scale == "gooi":
                shutil.copy(os.path.join(ROOT, "Scenarios", "gooi-en-vechtstreek-2023.yaml"), os.path.join(folder, "gooi.yaml"))
            else:
                subprocess.run([args.ivp, "generate", "--scale", scale, "--seed", "1", "--output", os.path.join(folder, f"{scale}.yaml")],
                               check=True)
        rows = []
        for scale in scales:
            for sessions in [int(s) for s in args.sessions.split(",")]:
                # ivp-serve itself (what `ivp serve` runs from the same folder), so that the memory
                # measured is the server's.
                server = subprocess.Popen([os.path.join(os.path.dirname(args.ivp), "ivp-serve"), folder, "--port", "0", "--token", TOKEN, "--max-sessions", "16",
                                           "--change-time-limit", "60"],
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                try:
                    base = server.stdout.readline().strip().split("/?token=")[0]
                    before = rss_kb(server.pid)
                    cpu_before = cpu_ms(server.pid)
                    per_session = max(1, args.changes // sessions)
                    start = time.perf_counter()
                    with concurrent.futures.ThreadPoolExecutor(max_workers=sessions) as pool:
                        outcomes = list(pool.map(lambda i: run_session(base, scale, per_session, 1000 + i, args.headline_every),
                                                 range(sessions)))
                    wall = time.perf_counter() - start
                    cpu = cpu_ms(server.pid) - cpu_before
                    latencies = [x for lat, _, _ in outcomes for x in lat]
                    heads = [x for _, head, _ in outcomes for x in head]
                    statuses = {}
                    for _, _, counts in outcomes:
                        for key, count in counts.items():
                            statuses[key] = statuses.get(key, 0) + count
                    peak = peak_kb(server.pid)
                    head50 = statistics.median(heads) if heads else float("nan")
                    head95 = percentile(heads, 0.95) if heads else float("nan")
                    rows.append((scale, sessions, len(latencies), statistics.median(latencies), percentile(latencies, 0.95),
                                 max(latencies), wall, (peak - before) / 1024 / sessions, peak / 1024, statuses,
                                 len(heads), head50, head95, cpu / len(latencies)))
                    print(f"{scale:7} sessions={sessions} n={len(latencies)} p50={rows[-1][3]:.1f} ms p95={rows[-1][4]:.1f} ms "
                          f"max={rows[-1][5]:.1f} ms wall={wall:.1f} s peak/session={rows[-1][7]:.1f} MB peak={peak / 1024:.0f} MB "
                          f"headlines n={len(heads)} p50={head50:.1f} ms p95={head95:.1f} ms "
                          f"server CPU per change={cpu / len(latencies):.1f} ms {statuses}", flush=True)
                finally:
                    server.terminate()
                    server.wait(30)
        print()
        # The Markdown table for RESULTS.md, with the command and the machine's load (a shared
        # machine's load inflates every latency; the server's CPU per change hardly moves with it).
        with open("/proc/loadavg") as loadavg:
            load = " ".join(loadavg.read().split()[:3])
        print("```sh")
        print("python3 Benchmarks/serve-latency.py " + " ".join(sys.argv[1:]))
        print("```")
        print()
        print(f"Load average at the end of the run (1, 5, 15 min): {load}; {os.cpu_count()} cores.")
        print()
        print("| scenario | sessions | changes | p50 ms | p95 ms | max ms | wall s | peak MB per session | peak MB | states "
              "| headlines n | headlines p50 ms | headlines p95 ms | server CPU ms per change |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
        for scale, sessions, n, p50, p95, top, wall, per, peak, statuses, hn, h50, h95, cpu in rows:
            text = ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
            print(f"| {scale} | {sessions} | {n} | {p50:.1f} | {p95:.1f} | {top:.1f} | {wall:.1f} | {per:.1f} | {peak:.0f} | {text} "
                  f"| {hn} | {h50:.1f} | {h95:.1f} | {cpu:.1f} |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
