#!/usr/bin/env bash
# Longer runs of the hostile-input and kill tests than `cargo test` makes by default:
#   tests/soak.sh [FUZZ_CASES_PER_FORMAT] [KILLS]
# Prints the figures (cases, kills, failures); exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-20000}
kills=${2:-25}
echo "== fuzzing every importer with $cases mutated files per format (release build)"
SPANBENCH_FUZZ_CASES=$cases cargo test --release --test fuzz_imports -- --nocapture
echo "== $kills kills of imports at random moments"
SPANBENCH_KILLS=$kills cargo test --release --test kill -- --nocapture
