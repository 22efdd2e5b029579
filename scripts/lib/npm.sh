# shellcheck shell=bash
# npm helpers for the scripts that drive real clients from npm.

# npm_ci_pinned SOURCE WORK: installs the packages pinned by SOURCE/package.json and SOURCE/package-lock.json
# into WORK with `npm ci`, only when the lock file changed since the last install; on failure prints npm's
# last lines (its log is WORK/npm.log) and returns 1.
npm_ci_pinned() {
  local source=$1 work=$2
  mkdir -p "$work"
  if cmp -s "$source/package-lock.json" "$work/package-lock.json" && [ -d "$work/node_modules" ]; then
    return 0
  fi
  cp "$source/package.json" "$source/package-lock.json" "$work/"
  if ! npm ci --prefix "$work" --no-audit --no-fund >"$work/npm.log" 2>&1; then
    echo "npm ci of $source failed; its last lines:"
    tail -n 30 "$work/npm.log"
    return 1
  fi
}
