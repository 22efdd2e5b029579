#!/usr/bin/env bash
# Sourced by the helper scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: an existing JAVA_HOME, the java on PATH, then the usual install locations.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/java.specification.version/ {split($2, v, "."); print (v[1] == 1 ? v[2] : v[1])}'
}

select_jdk() {
  local candidate
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    if [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] \
        && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "No JDK 21 or newer found. Install one (e.g. Temurin 21 or 25) and set JAVA_HOME." >&2
  return 1
}

select_jdk
