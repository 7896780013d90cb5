#!/usr/bin/env bash
# Builds Reflow, installs its two kernelspecs for the current user (reflow and reflow-strict) and runs
# notebooks/demo.ipynb twice: as JupyterLab does (with cell ids, then an edit that re-runs the cells
# depending on it) and with nbconvert.
# Needs: JDK 17+ as `java`, Maven, and a Python with Jupyter (set REFLOW_PYTHON to choose which one).
set -euo pipefail
cd "$(dirname "$0")"

if [[ -z "${REFLOW_PYTHON:-}" ]]; then
  for candidate in /usr/bin/python3 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import nbconvert, jupyter_client' 2>/dev/null; then
      REFLOW_PYTHON=$candidate
      break
    fi
  done
fi
if [[ -z "${REFLOW_PYTHON:-}" ]]; then
  echo "demo.sh: no Python with nbconvert and jupyter_client found; install Jupyter (see README) or set REFLOW_PYTHON" >&2
  exit 1
fi

mvn -B -q package -DskipTests
java -jar target/reflow.jar install --user
mkdir -p target/demo

# 1. As JupyterLab runs it (cell ids in every request), then one edit: the dependent cells re-run by
#    themselves and their outputs update in place.
"$REFLOW_PYTHON" scripts/run_notebook.py notebooks/demo.ipynb target/demo/demo.reactive.ipynb

# 2. As nbconvert runs it (no cell ids): exactly what a non-reactive kernel gives.
"$REFLOW_PYTHON" -m nbconvert --to notebook --execute notebooks/demo.ipynb \
  --output-dir target/demo --output demo.executed.ipynb
echo "Executed notebooks: target/demo/demo.reactive.ipynb (reactive run), target/demo/demo.executed.ipynb (nbconvert)"
