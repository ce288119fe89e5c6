#!/usr/bin/env bash
# The GitHub Action's install step: which `threatwright` to run, and installing it.
#
#   install.sh plan     prints (to $GITHUB_OUTPUT) prefix=<folder> and, when the CLI must be
#                       installed there, cache-key=<key> for actions/cache
#   install.sh install  installs into the prefix unless it is there already (restored from the
#                       cache), and prints bin=<absolute path of bin/threatwright.js>
#
# INPUT_VERSION: auto    the project's own devDependency (node_modules/threatwright in
#                        INPUT_WORKING_DIRECTORY) when installed, else as `source`
#                source  the package built from this action's revision (npm ci, npm pack of
#                        packages/cli, npm install of the tarball), like a published release
#                <spec>  an npm version or tag of `threatwright` (0.1.0, latest), or a tarball file
set -euo pipefail

action_root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
version="${INPUT_VERSION:-auto}"
workdir="${INPUT_WORKING_DIRECTORY:-.}"
out="${GITHUB_OUTPUT:-/dev/stdout}"

fail() {
  echo "::error title=threatwright install::$1"
  exit 2
}

# The project's own install, when `auto` may use it: node_modules/threatwright in the working
# directory or a folder above it, up to the workspace (as Node.js resolves packages).
project_bin() {
  [ "$version" = "auto" ] || return 0
  [ -d "$workdir" ] || return 0
  local dir top
  dir="$(cd -- "$workdir" && pwd)"
  top="$(cd -- "${GITHUB_WORKSPACE:-$dir}" 2>/dev/null && pwd || echo /)"
  while :; do
    if [ -f "$dir/node_modules/threatwright/bin/threatwright.js" ]; then
      echo "$(cd -- "$dir/node_modules/threatwright/bin" && pwd)/threatwright.js"
      return 0
    fi
    if [ "$dir" = "$top" ] || [ "$dir" = "/" ]; then return 0; fi
    dir="$(dirname -- "$dir")"
  done
}

# What the installed CLI depends on: the version asked for, or this action's sources.
cache_key() {
  case "$version" in
    auto | source)
      local hash
      hash="$(cd -- "$action_root" && find package.json package-lock.json scripts schema packages -type f \
        -not -path '*/node_modules/*' -not -path '*/dist/*' -not -path '*/test/*' -not -name '*.test.ts' -print0 |
        LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32)"
      echo "threatwright-cli-${RUNNER_OS:-$(uname -s)}-node$(node -p 'process.versions.node.split(".")[0]')-source-$hash"
      ;;
    *)
      if [ -f "$version" ]; then
        echo "threatwright-cli-${RUNNER_OS:-$(uname -s)}-tarball-$(sha256sum < "$version" | cut -c1-32)"
      else
        echo "threatwright-cli-${RUNNER_OS:-$(uname -s)}-npm-$(printf '%s' "$version" | sha256sum | cut -c1-32)"
      fi
      ;;
  esac
}

prefix_for() {
  echo "${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}/threatwright-action/$1"
}

npm_install() {
  # --prefix with a package.json of its own: the install is a project of one dependency, never the user's.
  mkdir -p -- "$TW_PREFIX"
  [ -f "$TW_PREFIX/package.json" ] || echo '{ "private": true }' > "$TW_PREFIX/package.json"
  npm install --prefix "$TW_PREFIX" --omit=dev --no-audit --no-fund --loglevel=error "$1"
}

case "${1:-}" in
  plan)
    if [ -n "$(project_bin)" ]; then
      echo "prefix=" >> "$out"
      echo "cache-key=" >> "$out"
    else
      key="$(cache_key)"
      echo "prefix=$(prefix_for "$key")" >> "$out"
      echo "cache-key=$key" >> "$out"
    fi
    ;;
  install)
    bin="$(project_bin)"
    if [ -z "$bin" ]; then
      TW_PREFIX="${TW_PREFIX:-$(prefix_for "$(cache_key)")}"
      bin="$TW_PREFIX/node_modules/threatwright/bin/threatwright.js"
      if [ ! -f "$bin" ]; then
        case "$version" in
          auto | source)
            command -v npm >/dev/null 2>&1 || fail "npm is not on the PATH; set up Node.js first"
            work="$(mktemp -d)"
            echo "Building the threatwright package from this action's revision (npm ci, npm pack)…"
            (cd -- "$action_root" && npm ci --no-audit --no-fund --loglevel=error && npm pack -w packages/cli --pack-destination "$work" --loglevel=error >/dev/null) ||
              fail "building the package from $action_root failed (the log above says why)"
            tarball="$(ls "$work"/threatwright-*.tgz)"
            npm_install "$tarball" || fail "installing the built package failed (the log above says why)"
            rm -rf -- "$work"
            ;;
          *)
            if [ -f "$version" ]; then spec="$(cd -- "$(dirname -- "$version")" && pwd)/$(basename -- "$version")"; else spec="threatwright@$version"; fi
            npm_install "$spec" || fail "npm could not install $spec (the log above says why)"
            ;;
        esac
      fi
      [ -f "$bin" ] || fail "the install has no bin/threatwright.js"
    fi
    echo "bin=$bin" >> "$out"
    echo "Using threatwright $(node "$bin" --version) from $bin"
    ;;
  *)
    echo "usage: install.sh plan|install" >&2
    exit 2
    ;;
esac
