#!/usr/bin/env bash
# Builds the one-folder app with PyInstaller: dist/iep-desktop/ (build/ holds the work files).
# Installs PyInstaller into the virtual environment when it is missing, then prints the build
# time and the folder's size. Try it with: dist/iep-desktop/iep-desktop --self-test
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-.venv/bin/python}"
[ -x "$python" ] || python="$(command -v python3)"
"$python" -c 'import PyInstaller' 2>/dev/null || "$python" -m pip install -q 'pyinstaller>=6'

if [ "$(uname -s)" = Linux ]; then  # PyInstaller reads ELF files with these (binutils, libc-bin)
  for tool in objdump ldd; do
    command -v "$tool" >/dev/null || { echo "PyInstaller needs '$tool': apt-get install binutils" >&2; exit 1; }
  done
fi

start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build packaging/iep-desktop.spec
seconds=$(( $(date +%s) - start ))

app=dist/iep-desktop
inside="$app/_internal"
for needed in "$app/iep-desktop" "$inside/resources/profiles/default.json" "$inside/resources/fonts/DejaVuSans.ttf" \
              "$inside/iep_desktop/store/migrations/env.py" "$inside/iep_desktop/central/migrations/env.py"; do
  [ -e "$needed" ] || { echo "build incomplete: $needed is missing" >&2; exit 1; }
done
if [ -e "$inside/tests" ]; then echo "build has tests/ in it" >&2; exit 1; fi
echo "Built $app in ${seconds} s; size $(du -sh "$app" | cut -f1)"
