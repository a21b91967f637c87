#!/usr/bin/env bash
# Who Says? — the one entry point.
#   ./build.sh           build the CLI, the Python wheel and the extension, then scan the sample page
#   ./build.sh test      run every test (Rust, Python, extension, real browsers)
#   ./build.sh bench     benchmarks, side by side with the alternatives
#   ./build.sh package   store archives in dist/
#   ./build.sh fuzz [S]  fuzz the scanner for S seconds (default 600)
#   ./build.sh train [D] rebuild the compiled-in model from the corpora in D
#                        (default ../shared/data), then score it
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() {
  printf '\033[1;31mbuild.sh: %s\033[0m\n' "$*" >&2
  exit 1
}

# What a machine needs before either command: named with the command that
# installs it, rather than failing midway.
check_prerequisites() {
  command -v cargo >/dev/null && command -v rustup >/dev/null ||
    die "no Rust toolchain: install one with rustup (curl --proto '=https' -sSf https://sh.rustup.rs | sh), then open a new shell"
  command -v node >/dev/null && command -v npm >/dev/null ||
    die "no Node.js: install Node 20 or later with npm (Debian 12's own nodejs is 18: use NodeSource's or nodejs.org's packages)"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  ((major >= 20)) || die "Node $(node --version) is too old: install Node 20 or later"
  # The wheel is abi3 from CPython 3.10 on, and .venv/ is made with venv
  # (Debian splits its pip bootstrap into python3-venv).
  command -v python3 >/dev/null || die "no Python: install Python 3.10 or later (Debian: sudo apt-get install -y python3 python3-venv)"
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
    die "Python $(python3 -c 'import platform; print(platform.python_version())') is too old: install Python 3.10 or later"
  python3 -c 'import ensurepip' 2>/dev/null ||
    die "Python cannot make virtualenvs: install its venv module (Debian: sudo apt-get install -y python3-venv)"
}

build_cli() {
  say "building the whosays CLI"
  cargo build --release --locked
}

# --- the Python package ----------------------------------------------------
# A project virtualenv (.venv/, ignored by git) holds maturin and the pinned
# test requirements; each is installed only when missing or changed.
MATURIN_VERSION=1.16.0
VENV=.venv

ensure_python_env() {
  if [[ ! -x "$VENV/bin/python" ]]; then
    say "creating the Python virtualenv $VENV/"
    python3 -m venv "$VENV"
  fi
  if [[ "$("$VENV/bin/maturin" --version 2>/dev/null)" != "maturin $MATURIN_VERSION" ]]; then
    say "installing maturin $MATURIN_VERSION into $VENV/"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
  fi
}

ensure_python_test_deps() {
  # The stamp is a copy of the requirements last installed.
  if ! cmp -s python/requirements.txt "$VENV/.whosays-requirements"; then
    say "installing python/requirements.txt into $VENV/ (pytest, Dask)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r python/requirements.txt
    cp python/requirements.txt "$VENV/.whosays-requirements"
  fi
}

# The wheel, from the same core: target/wheels/whosays-*.whl.
build_python() {
  ensure_python_env
  say "building the Python wheel (maturin)"
  rm -f target/wheels/whosays-*.whl
  "$VENV/bin/maturin" build --release --locked --quiet -m python/Cargo.toml -o target/wheels
}

test_python() {
  build_cli
  build_python
  ensure_python_test_deps
  local wheel
  wheel=$(ls target/wheels/whosays-*.whl)
  say "pip install of the wheel into a fresh virtualenv, then import it"
  local fresh
  fresh=$(mktemp -d)
  python3 -m venv "$fresh/venv"
  "$fresh/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
  (cd "$fresh" && venv/bin/python -c "import whosays; print(whosays.scan('He said it was undeniable.'))")
  rm -rf "$fresh"
  say "Python tests (pytest: the package, and the Dask example on a local cluster)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
  WHOSAYS_BIN=target/release/whosays "$VENV/bin/pytest" -q -p no:cacheprovider python/tests
}

# --- the extension -------------------------------------------------------
WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen crate pinned in Cargo.toml

ensure_wasm_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
    # Not --locked: the registry here lacks a version its lock file asks for.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_node_deps() {
  # npm ci when node_modules is missing or older than the lock file.
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund
  fi
}

build_extension() {
  ensure_wasm_tools
  ensure_node_deps
  say "building the core for WebAssembly"
  cargo build --locked --profile wasm --target wasm32-unknown-unknown --lib --no-default-features
  rm -rf extension/pkg
  wasm-bindgen --target web --remove-name-section --remove-producers-section \
    --out-dir extension/pkg target/wasm32-unknown-unknown/wasm/whosays.wasm
  rm -f extension/pkg/*.d.ts extension/pkg/package.json extension/pkg/.gitignore
  say "bundling the content script (extension/content/ → extension/content.js)"
  # One classic script, as scripting.executeScript needs, not minified so
  # that what the browser runs reads like the sources. The banner keeps the
  # strict mode the modules are written in (esbuild drops it for an IIFE).
  npx esbuild extension/content/main.js --bundle --format=iife --platform=browser \
    --loader:.css=text --banner:js="'use strict';" --log-level=warning --outfile=extension/content.js
  say "bundling Readability for the background script"
  npx esbuild tools/article.mjs --bundle --format=esm --platform=browser \
    --legal-comments=inline --log-level=warning --outfile=extension/vendor/article.js
  node tools/make-icons.mjs extension/icons
  say "extension ready in extension/ ($(gzip -c extension/pkg/whosays_bg.wasm | wc -c) bytes of gzipped wasm)"
}

cmd_package() {
  build_extension
  say "packaging dist/whosays-chrome.zip and dist/whosays-firefox.zip"
  node tools/package.mjs extension dist
}

cmd_default() {
  build_cli
  build_python
  build_extension
  say "scanning tests/fixtures/seed-article.html"
  target/release/whosays scan tests/fixtures/seed-article.html
}

cmd_test() {
  ensure_browsers
  say "cargo fmt --check, clippy"
  cargo fmt --check
  cargo clippy --locked --all-targets -- -D warnings
  cargo clippy --locked --all-targets --features work-count -- -D warnings
  cargo clippy --locked -p whosays-python --all-targets -- -D warnings
  say "Rust tests (counting the core's work: tests/adversarial.rs checks it grows linearly)"
  cargo test --locked --features work-count
  test_python
  test_extension
}

# The browsers the tests drive, installed when missing: Chromium and Firefox
# ESR with apt (as root; otherwise the exact command is printed and the run
# stops), geckodriver with cargo. No browser's tests are quietly left out.
ensure_browsers() {
  local packages=() gecko=""
  [[ -x "${CHROMIUM:-/usr/bin/chromium}" ]] || packages+=(chromium)
  [[ -x "${FIREFOX:-/usr/bin/firefox-esr}" ]] || packages+=(firefox-esr)
  command -v geckodriver >/dev/null || [[ -x "$HOME/.cargo/bin/geckodriver" || -n "${GECKODRIVER:-}" ]] || gecko=1
  ((${#packages[@]})) || [[ -n "$gecko" ]] || return 0
  if ((${#packages[@]})); then
    [[ "$(id -u)" == 0 ]] ||
      die "the browser tests need ${packages[*]}, which only root can install; run: sudo apt-get update && sudo apt-get install -y ${packages[*]}"
    command -v apt-get >/dev/null || die "no apt-get to install ${packages[*]}: install them with your package manager"
    say "installing ${packages[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
  fi
  if [[ -n "$gecko" ]]; then
    say "installing geckodriver (cargo install, a few minutes)"
    cargo install geckodriver --locked || cargo install geckodriver
  fi
}

test_extension() {
  build_extension
  say "web-ext lint"
  npx web-ext lint --source-dir extension --no-input --output text
  say "eslint (with eslint-plugin-no-unsanitized)"
  npx eslint
  say "content script unit tests (tests/js, node:test + linkedom)"
  node --test tests/js/
  say "extension tests in Chromium and Firefox (tests/e2e)"
  node --test --test-concurrency=1 tests/e2e/
}

# --- benchmarks ------------------------------------------------------------
# ./build.sh bench [CORPUS_DIR] [--browsers chromium,firefox]: the native
# core, the shipped WebAssembly module in Node beside write-good and
# retext-intensify, and the extension in real browsers; bench/bench.mjs
# prints the table and writes bench/results/bench.json.
cmd_bench() {
  build_extension
  say "building the native bench (examples/bench.rs)"
  cargo build --release --locked --example bench
  if [[ ! -f bench/node_modules/.package-lock.json || bench/package-lock.json -nt bench/node_modules/.package-lock.json ]]; then
    say "npm ci in bench/"
    (cd bench && npm ci --no-audit --no-fund)
  fi
  say "hostile input: scan time at n and 4n bytes must grow about 4× (tests/adversarial.rs)"
  WHOSAYS_TIMING=1 cargo test --release --locked --test adversarial -- --test-threads 1
  say "benchmarks (a few minutes; keep the machine otherwise idle)"
  local status=0
  node bench/bench.mjs --native target/release/examples/bench --wasm-pkg extension/pkg \
    --extension extension --out bench/results "$@" || status=$?
  # The profile part: the same corpus (bench.mjs generates one into
  # bench/results/corpus when none is given).
  local corpus=bench/results/corpus
  while (($#)); do
    case "$1" in
      --browsers) shift ;;
      --*) ;;
      *) corpus="$1" ;;
    esac
    shift || true
  done
  build_cli
  build_python
  ensure_python_test_deps
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/whosays-*.whl
  say "whosays profile on one core and on all, and through Dask (bench/profile.py)"
  "$VENV/bin/python" bench/profile.py --bin target/release/whosays --corpus "$corpus" --out bench/results || status=1
  return "$status"
}

# --- fuzzing ---------------------------------------------------------------
# The seed corpus is generated, not committed: the fixtures whole, each
# paragraph of the seed article alone, and the article as page blocks (the
# fuzz target splits blocks at U+001E).
fuzz_corpus() {
  local dir=fuzz/corpus/scan
  mkdir -p "$dir"
  cp tests/fixtures/seed-article.txt tests/fixtures/seed-article.html "$dir/"
  awk -v dir="$dir" 'BEGIN { RS = "" } {
    f = sprintf("%s/seed-paragraph-%03d.txt", dir, NR); printf "%s", $0 > f; close(f) }' \
    tests/fixtures/seed-article.txt
  awk 'BEGIN { RS = ""; ORS = "\036" } 1' tests/fixtures/seed-article.txt >"$dir/seed-blocks.txt"
}

cmd_fuzz() {
  local seconds="${1:-600}"
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain (cargo fuzz needs it)"
    rustup toolchain install nightly --profile minimal
  fi
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
  fuzz_corpus
  say "fuzzing scan_text and scan_blocks for ${seconds}s (crashes land in fuzz/artifacts/scan/)"
  # No sanitizer: the core has no unsafe code, and AddressSanitizer halves
  # the runs per second (its LeakSanitizer also flags the few strings the
  # lexicon leaks on purpose to make them 'static). -timeout: an input taking 10 s is a hang. -max_len: hostile
  # sizes are the adversarial tests' job; the fuzzer looks for structure.
  nice -n 10 cargo +nightly fuzz run --sanitizer none scan fuzz/corpus/scan -- \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -dict=fuzz/scan.dict -print_final_stats=1
}

# --- training ---------------------------------------------------------------
# Rebuilds src/model/attribution.model and tests/model/parity-expected.json
# from PolNeAR's training split, byte for byte (fixed seeds, no threads), in
# about a minute here; then scores the new model with the project's scorers.
# Not part of `test` or CI: the corpora live outside the repository.
cmd_train() {
  local data="${1:-../shared/data}"
  [[ -d "$data/polnear/train" ]] || die "no PolNeAR training split in $data/polnear/train (./build.sh train DIR)"
  say "training the attribution model on $data/polnear/train"
  cargo run --release --locked -p whosays-train -- --data "$data" --eval
  build_cli
  local eval="$data/../eval" run="target/release/whosays scan --format jsonl"
  if [[ -d "$eval" ]]; then
    say "scoring the CLI with the new model"
    python3 "$eval/polnear_score.py" --gold "$data/polnear/dev" --run "$run"
    python3 "$eval/conll_score.py" --data "$data/conll2010/wiki-uncertainty-dev.csv" --run "$run"
    python3 "$eval/unsourced_score.py" --labels "$data/unsourced/dev.jsonl" --text "$data/polnear/dev/text" --run "$run"
    python3 "$eval/seed_check.py" --run "$run"
  fi
  git status --short src/model tests/model
}

main() {
  local cmd="${1:-build}"
  shift || true
  check_prerequisites
  case "$cmd" in
    build) cmd_default "$@" ;;
    test) cmd_test "$@" ;;
    package) cmd_package "$@" ;;
    bench) cmd_bench "$@" ;;
    fuzz) cmd_fuzz "$@" ;;
    train) cmd_train "$@" ;;
    *) echo "usage: ./build.sh [test|bench|package|fuzz [seconds]|train [data dir]]" >&2; exit 2 ;;
  esac
}

main "$@"
