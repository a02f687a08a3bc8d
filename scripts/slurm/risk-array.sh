#!/usr/bin/env bash
#SBATCH --job-name=ivp-risk
#SBATCH --array=1-8
#SBATCH --cpus-per-task=1
#SBATCH --output=ivp-risk-%A_%a.log
#
# One shard of `ivp risk` per Slurm array task: task K of N samples its share of the years and
# writes the partial result DIR/parts/shard-K-of-N.json. scripts/slurm/risk-merge.sh, submitted with
# --dependency=afterok on this array, combines the parts into the report of the unsharded run.
# scripts/slurm/submit-risk does both in one line; by hand:
#
#     job=$(sbatch --parsable --array=1-8 --cpus-per-task=1 scripts/slurm/risk-array.sh \
#           region.yaml --samples 1000 --seed 7 --out results)
#     sbatch --dependency=afterok:$job --kill-on-invalid-dep=yes scripts/slurm/risk-merge.sh \
#           --out results --shards 8
#
# usage: risk-array.sh FILE --samples N --seed S --out DIR [--shards N] [--allocation CSV]
#
# --shards is the number of shards N; it defaults to the array's size (SLURM_ARRAY_TASK_COUNT), so
# give it when a single shard is run again (`sbatch --array=3 ... --shards 8`). `ivp` is $IVP, else
# the `ivp` on PATH; sbatch passes the submitting shell's environment on. Outside Slurm, set
# SLURM_ARRAY_TASK_ID=K to run shard K by hand.
set -euo pipefail

name=risk-array.sh
fail() {
    echo "$name: $*" >&2
    exit 2
}

file="" samples="" seed="" out="" shards="${SLURM_ARRAY_TASK_COUNT:-}" allocation=""
while [ $# -gt 0 ]; do
    case $1 in
        --samples | --seed | --out | --shards | --allocation)
            [ $# -ge 2 ] || fail "$1 needs a value"
            case $1 in
                --samples) samples=$2 ;;
                --seed) seed=$2 ;;
                --out) out=$2 ;;
                --shards) shards=$2 ;;
                --allocation) allocation=$2 ;;
            esac
            shift 2
            ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2
            exit 0
            ;;
        -*) fail "unknown option $1" ;;
        *)
            [ -z "$file" ] || fail "one scenario FILE only (got '$file' and '$1')"
            file=$1
            shift
            ;;
    esac
done

[ -n "$file" ] || fail "missing the scenario FILE (usage: $name FILE --samples N --seed S --out DIR [--shards N])"
[ -f "$file" ] || fail "scenario $file not found (from $(pwd))"
[[ "$samples" =~ ^[0-9]+$ ]] && [ "$samples" -ge 1 ] || fail "--samples must be a whole number of at least 1 (got '${samples}')"
[[ "$seed" =~ ^[0-9]+$ ]] || fail "--seed must be a whole number (got '${seed}'): every shard needs the same seed"
[ -n "$out" ] || fail "missing --out DIR, the folder for the parts (on storage every node can reach)"
task=${SLURM_ARRAY_TASK_ID:-}
[ -n "$task" ] || fail "SLURM_ARRAY_TASK_ID is not set: submit with sbatch --array=1-N, or set it to run one shard by hand"
[[ "$shards" =~ ^[0-9]+$ ]] && [ "$shards" -ge 1 ] || fail "--shards must be a whole number of at least 1 (got '${shards}')"
[[ "$task" =~ ^[0-9]+$ ]] && [ "$task" -ge 1 ] && [ "$task" -le "$shards" ] ||
    fail "array task $task is not a shard of 1...$shards: the array must be 1-$shards"
[ -z "$allocation" ] || [ -f "$allocation" ] || fail "--allocation $allocation not found"

ivp=${IVP:-ivp}
command -v "$ivp" >/dev/null 2>&1 || fail "ivp not found ('$ivp'): put it on PATH or set IVP=/path/to/ivp"

mkdir -p "$out/parts"
part="$out/parts/shard-$task-of-$shards.json"
# As many threads as the task has CPUs: without --threads, ivp would use every core of the node.
threads=${SLURM_CPUS_PER_TASK:-1}
options=(risk "$file" --samples "$samples" --seed "$seed" --shard "$task/$shards" --threads "$threads" --output "$part")
[ -z "$allocation" ] || options+=(--allocation "$allocation")
echo "$name: shard $task of $shards on $(hostname) with $threads CPU(s): $ivp ${options[*]}" >&2
start=$(date +%s.%N)
"$ivp" "${options[@]}"
echo "$name: shard $task of $shards written to $part in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }') s" >&2
