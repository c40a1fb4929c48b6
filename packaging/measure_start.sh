#!/usr/bin/env bash
# Start-to-window of the built app against the same app run from source, in one run, on a real
# X server (Xvfb): the clock starts before the process and stops when X reports a window titled
# "IEP Desktop" (xdotool search --sync). Both open the same demo store (made by a first,
# unmeasured start), each RUNS times, alternating; prints the medians and the ratio.
# Needs: a build in dist/iep-desktop (packaging/build.sh), xvfb-run and xdotool.
# Usage: bash packaging/measure_start.sh [RUNS]     (inside Xvfb already: MEASURE_IN_X=1)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
if [ -z "${MEASURE_IN_X:-}" ]; then
  exec env MEASURE_IN_X=1 xvfb-run -a -s "-screen 0 1400x900x24" bash "$0" "$runs"
fi
for tool in xdotool; do command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install xdotool)" >&2; exit 1; }; done
[ -x dist/iep-desktop/iep-desktop ] || { echo "no build: run bash packaging/build.sh first" >&2; exit 1; }

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state"
export XDG_CACHE_HOME="$home/cache"

one() {  # prints milliseconds from exec to the window
  local start end pid
  start=$(date +%s%N)
  "$@" --demo >/dev/null 2>&1 &
  pid=$!
  timeout 60 xdotool search --sync --onlyvisible --name "IEP Desktop" >/dev/null
  end=$(date +%s%N)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

frozen=(dist/iep-desktop/iep-desktop)
source=(.venv/bin/python -m ui.app)
one "${frozen[@]}" >/dev/null  # makes the demo store (not measured), warms the disk cache
one "${source[@]}" >/dev/null
f=(); s=()
for _ in $(seq "$runs"); do
  f+=("$(one "${frozen[@]}")")
  s+=("$(one "${source[@]}")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
fm=$(median "${f[@]}"); sm=$(median "${s[@]}")
echo "start to window, median of $runs: built app ${fm} ms (${f[*]}), from source ${sm} ms (${s[*]})"
awk -v f="$fm" -v s="$sm" 'BEGIN {printf "built / source: %.2fx\n", f / s}'
