#!/usr/bin/env bash
# Spark's scaling and overhead on one machine (issue 20's Spark benchmark), ratios in one run:
#   Spark local[1] vs local[2] on the same apply job, and Spark local[2] vs the one-machine apply on
#   2 threads, on the seeded 20,000 x 20,000 RGB slide (target/bench/slide.tif, written when missing).
# Also times Spark's exact fit against the one-machine exact fit once. One JSON object per line.
# Spark runs in the benchmark's JVM (local mode), with the module options Java 17 needs.
# Usage (from the repository root): bench/spark_apply.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
# one reactor run: the Spark module's test classpath names the plugin's jars in target/
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
options=$(sed -n 's:.*<spark.java17.options>\(.*\)</spark.java17.options>.*:\1:p' spark/pom.xml)
# shellcheck disable=SC2086
exec java -Xmx2g $options -Dspark.ui.enabled=false \
  -cp "spark/target/classes:spark/target/test-classes:target/test-classes:$(cat spark/target/bench-classpath.txt)" \
  io.github.pixelclustering.spark.bench.SparkBenchmark target/bench/slide.tif 20000 clusters=8 "runs=$runs"
