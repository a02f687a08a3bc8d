#!/usr/bin/env bash
#SBATCH --job-name=ivp-risk-merge
#SBATCH --cpus-per-task=1
#SBATCH --output=ivp-risk-merge-%j.log
#
# The merge after scripts/slurm/risk-array.sh: once every shard has written DIR/parts/shard-K-of-N.json,
# `ivp risk --merge` combines them into the report of the unsharded run, one file per format:
# DIR/risk.json, DIR/risk.md, DIR/risk.html. Submit it with --dependency=afterok:ARRAY_JOB (and
# --kill-on-invalid-dep=yes, so that a failed shard cancels it instead of leaving it pending), or
# run it by hand after the array.
#
# usage: risk-merge.sh --out DIR --shards N [--formats json,markdown,html] [--lang nl|en]
set -euo pipefail

name=risk-merge.sh
fail() {
    echo "$name: $*" >&2
    exit 2
}

out="" shards="" formats="json,markdown,html" lang=""
while [ $# -gt 0 ]; do
    case $1 in
        --out | --shards | --formats | --lang)
            [ $# -ge 2 ] || fail "$1 needs a value"
            case $1 in
                --out) out=$2 ;;
                --shards) shards=$2 ;;
                --formats) formats=$2 ;;
                --lang) lang=$2 ;;
            esac
            shift 2
            ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2
            exit 0
            ;;
        *) fail "unknown argument $1 (usage: $name --out DIR --shards N [--formats json,markdown,html] [--lang nl|en])" ;;
    esac
done

[ -n "$out" ] || fail "missing --out DIR, the folder risk-array.sh wrote its parts into"
[[ "$shards" =~ ^[0-9]+$ ]] && [ "$shards" -ge 1 ] || fail "--shards must be the array's number of shards (got '${shards}')"
ivp=${IVP:-ivp}
command -v "$ivp" >/dev/null 2>&1 || fail "ivp not found ('$ivp'): put it on PATH or set IVP=/path/to/ivp"

# Every part must be there: a merge of fewer shards would be the report of fewer samples.
parts=()
missing=()
for ((shard = 1; shard <= shards; shard++)); do
    part="$out/parts/shard-$shard-of-$shards.json"
    if [ -f "$part" ]; then parts+=("$part"); else missing+=("$shard"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
    list=$(IFS=,; echo "${missing[*]}")
    fail "shard(s) $list of $shards have no part in $out/parts: run them again with sbatch --array=$list risk-array.sh ... --shards $shards"
fi

IFS=, read -r -a wanted <<<"$formats"
for format in "${wanted[@]}"; do
    case $format in
        json) extension=json ;;
        markdown) extension=md ;;
        html) extension=html ;;
        *) fail "unknown format '$format' in --formats (json, markdown, html)" ;;
    esac
    options=(risk --merge "${parts[@]}" --format "$format" --output "$out/risk.$extension")
    [ -z "$lang" ] || options+=(--lang "$lang")
    "$ivp" "${options[@]}"
    echo "$name: $shards parts merged into $out/risk.$extension" >&2
done
