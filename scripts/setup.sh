#!/usr/bin/env bash
# Installs the Debian bookworm packages coldstart needs to build and test, only when missing.
set -euo pipefail

PACKAGES=(
  # toolchain and build
  cmake ninja-build g++ git
  clang-19 clang-tidy-19 clang-format-19 libclang-19-dev llvm-19-dev lld-19
  # libFuzzer and the sanitizer runtimes of clang-19 (bench/fuzz.sh, scripts/sanitize.sh)
  libclang-rt-19-dev
  # libraries
  liblief-dev libyaml-cpp-dev libarchive-dev libgtest-dev googletest pkg-config
  # cpp-httplib serves the Lambda Runtime API emulator of `coldstart measure`; Debian builds it
  # with TLS, zlib and brotli support, so its header needs their headers
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  # fixtures compile against these real headers, and tests write zips with a real zip writer
  libcurl4-openssl-dev libpqxx-dev libpq-dev libsqlite3-dev nlohmann-json3-dev libhiredis-dev
  zip unzip binutils file
  # the aarch64 ELF fixture (tests skip it when these are absent)
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
