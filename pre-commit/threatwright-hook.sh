#!/usr/bin/env bash
# The pre-commit hooks' entry (see .pre-commit-hooks.yaml):
#   threatwright-hook.sh validate [options…] [files…]   validate the changed models
#   threatwright-hook.sh check [options…] [files…]      the gate on each changed model
# pre-commit runs it in the user's repository with the changed files (staged content) as arguments,
# options from the hook's `args:` first. Of those files it keeps the threat models: files whose
# first lines say `threatwright:`. A changed file that a model includes (its schema line names the
# include schema, or a model of the repository names it) brings in the models that include it.
set -euo pipefail

hook_root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:-}"
shift || true
case "$command" in
  validate | check) ;;
  *)
    echo "usage: threatwright-hook.sh validate|check [options…] [files…]" >&2
    exit 2
    ;;
esac

# Options (from `args:`) and their values, then the files pre-commit passes.
options=()
files=()
takes_value=false
for arg in "$@"; do
  if [ "$takes_value" = true ]; then
    options+=("$arg")
    takes_value=false
  elif [[ "$arg" == -* ]]; then
    options+=("$arg")
    case "$arg" in
      --format | -f | --fail-on | --unrated | --junit | --verification | --today) takes_value=true ;;
    esac
  else
    files+=("$arg")
  fi
done

# The first 30 lines decide: a model declares `threatwright: <version>`; an included file points
# its schema line at the include schema.
kind_of() {
  local head
  head="$(head -n 30 -- "$1" 2>/dev/null || true)"
  if grep -Eq '^[[:space:]]*"?threatwright"?[[:space:]]*:' <<< "$head"; then
    echo model
  elif grep -Eq 'threatwright-include\.schema\.json' <<< "$head"; then
    echo include
  fi
}

models=()
others=()
for f in "${files[@]+"${files[@]}"}"; do
  case "$(kind_of "$f")" in
    model) models+=("$f") ;;
    include) others+=("$f") ;;
    *) others+=("$f") ;;
  esac
done
add_model() {
  local m
  for m in "${models[@]+"${models[@]}"}"; do [ "$m" != "$1" ] || return 0; done
  models+=("$1")
}
# A changed file that a model of the repository names (in its include: list) brings that model in.
if [ "${#others[@]}" -gt 0 ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  while IFS= read -r -d '' f; do
    [ "$(kind_of "$f")" = model ] || continue
    for o in "${others[@]}"; do
      if [ "$(kind_of "$o")" = include ] || grep -Fq -- "$(basename -- "$o")" "$f"; then
        add_model "$f"
        break
      fi
    done
  done < <(git ls-files -z -- '*.yaml' '*.yml' '*.json')
fi
[ "${#models[@]}" -gt 0 ] || exit 0

# The CLI: the project's own (node_modules/.bin, here or above), one on the PATH, else built once
# from the hook's revision.
find_cli() {
  local dir
  dir="$(pwd)"
  while :; do
    if [ -f "$dir/node_modules/threatwright/bin/threatwright.js" ]; then
      echo "$dir/node_modules/threatwright/bin/threatwright.js"
      return
    fi
    [ "$dir" != "/" ] || break
    dir="$(dirname -- "$dir")"
  done
  if command -v threatwright >/dev/null 2>&1; then
    command -v threatwright
    return
  fi
  local built="$hook_root/packages/cli/bin/threatwright.js"
  if [ ! -f "$hook_root/packages/cli/dist/threatwright.js" ]; then
    echo "threatwright: building the CLI from the hook's revision, once (npm ci)…" >&2
    (cd -- "$hook_root" && THREATWRIGHT_SKIP_WEB=1 npm ci --no-audit --no-fund --loglevel=error >&2) || {
      echo "threatwright: the build failed; install threatwright in your project (npm install --save-dev threatwright) instead" >&2
      exit 2
    }
  fi
  echo "$built"
}
cli="$(find_cli)"
run() {
  case "$cli" in
    *.js) node "$cli" "$@" ;;
    *) "$cli" "$@" ;;
  esac
}

if [ "$command" = validate ]; then
  run validate "${options[@]+"${options[@]}"}" "${models[@]}"
else
  status=0
  for m in "${models[@]}"; do
    run check "${options[@]+"${options[@]}"}" --quiet "$m" || { code=$?; [ "$code" -gt "$status" ] && status=$code; }
  done
  exit "$status"
fi
