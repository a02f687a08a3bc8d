#!/usr/bin/env bash
# The Slurm array against one process: `ivp risk` with SAMPLES samples of a generated region (with
# uncertain capacity, scripts/slurm/with-uncertainty) in one process (1 thread, and one per core),
# and as a Slurm array of K shards of 1 CPU each plus the merge, on a single-node Slurm started on
# this machine (scripts/slurm/local-cluster). Wall seconds from submission to the merged report;
# every merged report is checked to be the unsharded one. Prints a Markdown table.
#
#     Benchmarks/slurm-risk.sh                        # release build, 1,000 samples, K = 1, 2, 4, 8
#     SAMPLES=200 SHARDS="2 4" SCALE=district Benchmarks/slurm-risk.sh
#     IVP=path/to/ivp Benchmarks/slurm-risk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
samples=${SAMPLES:-1000}
shard_counts=${SHARDS:-1 2 4 8}
scale=${SCALE:-region}
seed=7

if [ -n "${IVP:-}" ]; then
    ivp=$(cd "$(dirname "$IVP")" && pwd)/$(basename "$IVP")
else
    swift build -c release --product ivp >&2
    ivp="$(pwd)/.build/release/ivp"
fi
export IVP=$ivp

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ivp-slurm-bench.XXXXXX")
chmod 755 "$tmp"
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    scripts/slurm/local-cluster stop "$tmp/cluster" || true
    rm -rf "$tmp"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$ivp" generate --scale "$scale" --seed 1 --output "$tmp/generated.yaml"
scenario="$tmp/$scale-uncertain.yaml"
scripts/slurm/with-uncertainty "$tmp/generated.yaml" "$scenario"
eval "$(scripts/slurm/local-cluster start "$tmp/cluster")"

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }
without_timings() {
    python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict): return {k: strip(x) for k, x in v.items() if not k.endswith("seconds")}
    if isinstance(v, list): return [strip(x) for x in v]
    return v
print(json.dumps(strip(json.load(open(sys.argv[1]))), sort_keys=True))' "$1"
}

rows=()
for threads in 1 "$(nproc)"; do
    start=$(now)
    "$ivp" risk "$scenario" --samples "$samples" --seed "$seed" --threads "$threads" --format json --output "$tmp/one-$threads.json"
    seconds=$(elapsed "$start" "$(now)")
    [ "$threads" = 1 ] && one=$seconds
    rows+=("| one process, --threads $threads | $seconds | $(awk -v a="$one" -v b="$seconds" 'BEGIN { printf "%.2f", a / b }') | |")
done
reference=$(without_timings "$tmp/one-1.json")
[ "$reference" = "$(without_timings "$tmp/one-$(nproc).json")" ] || { echo "slurm-risk: --threads changed the report" >&2; exit 1; }

for shards in $shard_counts; do
    start=$(now)
    scripts/slurm/submit-risk "$scenario" --samples "$samples" --seed "$seed" --shards "$shards" --cpus 1 \
        --out "$tmp/array-$shards" --formats json --wait --timeout 3600 >/dev/null
    seconds=$(elapsed "$start" "$(now)")
    [ "$reference" = "$(without_timings "$tmp/array-$shards/risk.json")" ] ||
        { echo "slurm-risk: the merge of $shards shards differs from one process" >&2; exit 1; }
    # Each shard's own time (its log's last line) shows the fixed cost that every shard pays.
    shard_times=$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' "$tmp"/array-"$shards"/logs/shard-*.log | sort -n | tr '\n' ' ')
    rows+=("| Slurm array, $shards shard(s) of 1 CPU + merge | $seconds | $(awk -v a="$one" -v b="$seconds" 'BEGIN { printf "%.2f", a / b }') | ${shard_times% } |")
done

echo "ivp risk, $samples samples of a generated $scale (seed 1) with uncertain capacity, seed $seed; $(nproc) cores; wall seconds"
echo
echo "| run | seconds | speed-up against 1 thread | each shard's own seconds |"
echo "|---|---:|---:|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Every merged report equals the one-process report (JSON without timing fields)."
