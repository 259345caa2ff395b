#!/usr/bin/env bash
# Benchmark: `centralino taxcode` over 100,000 lines from stdin (target: a few seconds).
# Usage: bench/taxcode.sh [LINES]   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
lines="${1:-100000}"
cargo build --release --quiet
input="$(mktemp)"
trap 'rm -f "$input"' EXIT
# A mix of valid codes, omocodes, numeric codes and errors.
codes=(RSSMRA80A01H501U BNCGNN75T52F205W RSSMRAULALMHRLMD VRDLGU90E15Z404L 07973780013
       RSSMRA80A01H501X rssmra80a01h501u "RSS MRA 85T10 A562S" ZZZ 12345678901)
for ((i = 0; i < lines; i++)); do echo "${codes[i % ${#codes[@]}]}"; done > "$input"
start=$(date +%s.%N)
./target/release/centralino taxcode < "$input" > /dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$lines" 'BEGIN { printf "taxcode: %d lines in %.2f s\n", n, e - s }'
