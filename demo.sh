#!/usr/bin/env bash
# Builds Reflow, installs its two kernelspecs for the current user (reflow and reflow-strict) and runs
# notebooks/demo.ipynb headless with nbconvert, then prints what each cell showed.
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
"$REFLOW_PYTHON" -m nbconvert --to notebook --execute notebooks/demo.ipynb \
  --output-dir target/demo --output demo.executed.ipynb

"$REFLOW_PYTHON" - target/demo/demo.executed.ipynb <<'PY'
import json, sys
notebook = json.load(open(sys.argv[1]))
for cell in notebook["cells"]:
    if cell["cell_type"] != "code":
        continue
    print("--- %s" % cell.get("id", "?"))
    for output in cell["outputs"]:
        kind = output["output_type"]
        if kind == "stream":
            print("".join(output["text"]), end="")
        elif kind == "error":
            print("%s: %s" % (output["ename"], output["evalue"]))
        else:
            data = output.get("data", {})
            text = data.get("text/plain", "")
            print("".join(text) if text else "", "[%s]" % ", ".join(sorted(data)))
print("\nExecuted notebook: %s" % sys.argv[1])
PY
