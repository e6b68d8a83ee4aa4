#!/usr/bin/env bash
# fetch.sh downloads OpenCC's data (npm package opencc@1.4.2) with npm, checks
# the tarball against the pinned integrity hashes, and regenerates the data
# embedded by internal/opencc. Run it through `go generate ./internal/opencc`
# from the repository root. Output is byte-identical on every run.
set -euo pipefail

version=1.4.2
sha512='fAo8GJy0XhFyw9zIsEHmEVKL+qK8qbw0hcCjqKN5cn2UA7FPOU6b13xpqpSUf8mLNLhBMmIVZu6J+fEjJ2KcyQ=='
sha1='5a9036a5d94d4ba30c3541c28659467bc2794b2f'

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/internal/opencc/data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tarball="${OPENCC_TARBALL:-}"
if [[ -z "$tarball" ]]; then
  (cd "$tmp" && npm pack "opencc@$version" --silent >/dev/null)
  tarball="$tmp/opencc-$version.tgz"
fi

got512=$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)
got1=$(sha1sum "$tarball" | cut -d' ' -f1)
if [[ "$got512" != "$sha512" || "$got1" != "$sha1" ]]; then
  echo "fetch.sh: $tarball does not match the pinned opencc@$version hashes" >&2
  echo "  sha512 $got512 (want $sha512)" >&2
  echo "  sha1   $got1 (want $sha1)" >&2
  exit 1
fi

mkdir -p "$tmp/x"
tar -xzf "$tarball" -C "$tmp/x" package/data
cd "$root/tools"
go run ./genopencc -data "$tmp/x/package/data" -out "$out" -source "npm opencc@$version (sha512-$sha512)"
