#!/usr/bin/env bash
# The one entry point: every step of building, testing and measuring RedLens is here, nowhere else.
#
#   ./build.sh          build the dictionary and the `redlens` CLI (target/redlens.dict, target/release/redlens)
#   ./build.sh test     run every test (installs what the tests need, builds first)
#   ./build.sh bench    run the benchmarks and print the figures against the budgets in DESIGN.md
#
# Set-up steps check first and skip what is already there, so a second run costs nothing extra.
set -euo pipefail
cd "$(dirname "$0")"

DICT=target/redlens.dict
export REDLENS_DICT="$PWD/$DICT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

build_native() {
  say "building the redlens CLI"
  cargo build --release --locked --bin redlens
  say "compiling the dictionary"
  ./target/release/redlens build-dict --data data --out "$DICT"
}

build_wasm() {
  ensure_wasm_target
  say "checking that the engine builds for wasm32"
  cargo build --release --locked --lib --target wasm32-unknown-unknown
}

run_tests() {
  build_native
  build_wasm
  say "running the Rust tests"
  cargo test --locked --all-targets
  say "running the doc tests"
  cargo test --locked --doc
}

run_bench() {
  build_native
  say "running the benchmarks"
  cargo bench --locked --bench engine -- --noplot
}

case "${1:-build}" in
  build) build_native ;;
  test) run_tests ;;
  bench) run_bench ;;
  *) echo "usage: ./build.sh [build|test|bench]" >&2; exit 2 ;;
esac
