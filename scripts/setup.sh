# Installs, only when missing, what a fresh machine lacks to build and test Paillasse.
# Sourced by scripts/run and scripts/test.

# Runs a command as root, through sudo when we are not root.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "==> installing the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
  fi
}

# Debian's Chromium and its WebDriver, for the browser tests.
ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "==> installing chromium and chromium-driver (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get install -y -q chromium chromium-driver ||
      { as_root apt-get update -q && as_root apt-get install -y -q chromium chromium-driver; }
  fi
}

# Decoders nobody here wrote, for the label round trips: poppler rasterises the PDF
# sheets, zbar reads the QR codes back.
ensure_label_tools() {
  if ! command -v pdftoppm >/dev/null || ! command -v zbarimg >/dev/null; then
    echo "==> installing poppler-utils and zbar-tools (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get install -y -q poppler-utils zbar-tools ||
      { as_root apt-get update -q && as_root apt-get install -y -q poppler-utils zbar-tools; }
  fi
}
