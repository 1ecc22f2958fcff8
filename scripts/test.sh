#!/usr/bin/env bash
# The test command (README): installs what the tests need on a fresh Debian machine, lints, runs pytest.
#   bash scripts/test.sh [pytest args]
# Installs Debian's chromium (browser tests drive the real page in it), WebKitGTK's driver, Firefox ESR
# and Xvfb (a journey of the page in WebKit and Firefox: docs/testing.md), the CJK fonts the Chinese page
# needs, nginx (a test serves the published build through its nginx.conf) and Node.js when missing, the
# page's build and test tools (package-lock.json: esbuild, puppeteer-core) into node_modules, and the
# pinned Python requirements into .venv; then checks lint and format (ruff, ESLint: any finding fails)
# and runs pytest on three processes (pytest-xdist `-n 3 --dist worksteal`; fewer with under 6 GiB of memory
# free; the arguments' own -n wins: `-n 0` runs one process; docs/testing.md).
# Set PYTHON to choose the interpreter that makes the venv.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1 \
    || ! dpkg -s webkit2gtk-driver firefox-esr xvfb >/dev/null 2>&1 \
    || ! dpkg -s nginx >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "== installing Debian's chromium, WebKit, Firefox, Xvfb and CJK fonts for the browser tests, nginx," \
    "Node.js for the page's build"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  packages="chromium webkit2gtk-driver firefox-esr xvfb fonts-dejavu-core fonts-noto-cjk nginx"
  command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $packages >/dev/null
fi

echo "== installing the page's build tools (npm ci)"
npm ci --no-audit --no-fund --loglevel=error

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "${PYTHON:-python3}" -m venv .venv
fi
echo "== installing Python requirements (requirements-train.txt: TensorFlow, tfjs converter, test tools)"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements-train.txt

echo "== lint: ruff (Python: ruff.toml), ESLint (the page's modules: eslint.config.js)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
node_modules/.bin/eslint .

echo "== running the tests"
export TF_CPP_MIN_LOG_LEVEL=2
# three test processes, fewer where memory is short: 2 GiB free for each (it imports TensorFlow and drives
# a Chromium), a budget chosen with a margin, not a measurement
available_gib=$(awk '/^MemAvailable:/ {print int($2 / 1048576)}' /proc/meminfo 2>/dev/null || echo 6)
count=$(( available_gib / 2 < 3 ? available_gib / 2 : 3 ))
processes=(-n "$count" --dist worksteal)
[ "$count" -ge 2 ] || processes=()
for arg in "$@"; do
  case "$arg" in -n*|--numprocesses|--numprocesses=*) processes=() ;; esac
done
exec .venv/bin/python -m pytest "${processes[@]}" "$@"
