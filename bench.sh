#!/usr/bin/env bash
# Prints Reflow's performance figures, one section per benchmark main (they print, they assert nothing).
#   ./bench.sh                     all sections (about 5 minutes on 2 idle cores)
#   ./bench.sh kernel cascade      only these (kernel, protocol, cascade, growth, widgets, analysis, copy, gc, maven: needs Maven Central, soak)
#   ./bench.sh soak                10,000 executes of edited cells (about 10 minutes); BENCH_JAVA_OPTS=-Dbench.soak.javaHome=JDK
#   BENCH_JAVA_OPTS="-Dbench.runs=30" ./bench.sh kernel    fewer repetitions for a quick look
# Other busy processes skew every figure: each section prints the load average at its start and end.
set -euo pipefail
cd "$(dirname "$0")"

MVN=${MVN:-"mvn -B -q"}
CLASSPATH_FILE=target/test-classpath.txt

needs_build() {
  [[ ! -f target/reflow.jar || ! -f target/test-classes/reflow/bench/KernelBenchmark.class ]] && return 0
  # Any source or the pom newer than the jar: rebuild.
  [[ -n "$(find pom.xml protocol/src kernel/src src/test/java -newer target/reflow.jar -type f -print -quit)" ]]
}

if needs_build; then
  echo "== building (mvn package -DskipTests)"
  $MVN package -DskipTests
fi
if [[ ! -f $CLASSPATH_FILE || pom.xml -nt $CLASSPATH_FILE ]]; then
  $MVN dependency:build-classpath -Dmdep.outputFile=$CLASSPATH_FILE -Dmdep.includeScope=test
fi
CP="target/classes:target/test-classes:$(cat $CLASSPATH_FILE)"

# section name -> main class; analysis and copy come from other branches and run only when compiled in.
declare -A MAINS=(
  [kernel]=reflow.bench.KernelBenchmark
  [cascade]=reflow.bench.CascadeBenchmark
  [growth]=reflow.bench.GrowthBenchmark
  [analysis]=reflow.bench.AnalysisBenchmark
  [copy]=reflow.bench.CopyBenchmark
  [maven]=reflow.bench.MavenBenchmark
  [protocol]=reflow.bench.ProtocolBenchmark
  [gc]=reflow.bench.GcReturnBenchmark
  [soak]=reflow.bench.SoakBenchmark
  [widgets]=reflow.bench.WidgetBenchmark
)
ORDER=(kernel protocol cascade growth widgets analysis copy gc maven soak)
if [[ $# -gt 0 ]]; then ORDER=("$@"); fi

for section in "${ORDER[@]}"; do
  main=${MAINS[$section]:-}
  if [[ -z $main ]]; then
    echo "unknown section '$section': use kernel, protocol, cascade, growth, widgets, analysis, copy, gc, maven or soak" >&2
    exit 2
  fi
  echo
  echo "################ $section ($main) $(date '+%H:%M:%S')"
  if [[ ! -f target/test-classes/${main//.//}.class ]]; then
    echo "skipped: $main is not on the test class path (its branch is not merged yet)"
    continue
  fi
  start=$(date +%s)
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
  java ${BENCH_JAVA_OPTS:-} -cp "$CP" "$main" || echo "!! $section ended with exit code $?"
  echo "(section took $(( $(date +%s) - start )) s)"
done
