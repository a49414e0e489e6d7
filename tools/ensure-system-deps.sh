#!/usr/bin/env bash
# Installs the system packages the browser tests need (Debian's chromium and its driver),
# when they are missing and we may install them. Never downloads a browser of its own.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing; install Debian's chromium package for the browser tests" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
