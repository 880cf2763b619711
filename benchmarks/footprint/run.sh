#!/usr/bin/env bash
# Footprint of qhub-spring-boot-starter (BENCHMARKS.md, "Footprint: app jar and start-up"): builds three minimal
# Spring Boot applications in one reactor with the starter's modules, then reports their jar sizes and the median
# start-up time of ROUNDS runs each, alternating bare / starter / stack / stack-noweb so that a busy machine slows
# all alike. stack-noweb is stack.jar with --spring.main.web-application-type=none: the same libraries without
# the Netty web server that spring-boot-starter-webflux starts (the starter starts none).
#   benchmarks/footprint/run.sh [ROUNDS] [extra Maven options, e.g. -o]
# FOOTPRINT_SKIP_BUILD=1 measures the jars already built. Start-up is Spring Boot's own "Started FootprintApp in X
# seconds (process running for Y)" line: X and Y both.
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-5}
shift || true
if [ -z "${FOOTPRINT_SKIP_BUILD:-}" ]; then
  ../../mvnw -B -q -f pom.xml package -Dmaven.test.skip=true "$@"
fi

apps=(bare starter stack stack-noweb)
declare -A jar_bytes
for app in bare starter stack; do
  jar_bytes[$app]=$(stat -c %s "$app/target/$app.jar")
done
jar_bytes[stack-noweb]=${jar_bytes[stack]}

log=target/startup.log
mkdir -p target
: > "$log"
for ((round = 1; round <= rounds; round++)); do
  for app in "${apps[@]}"; do
    if [ "$app" = stack-noweb ]; then
      command=(java -jar stack/target/stack.jar --spring.main.web-application-type=none)
    else
      command=(java -jar "$app/target/$app.jar")
    fi
    line=$("${command[@]}" 2>&1 | grep -o 'Started FootprintApp in [0-9.]* seconds (process running for [0-9.]*)' || true)
    [ -n "$line" ] || { echo "footprint: $app did not log its Started line" >&2; exit 1; }
    started=$(sed -E 's/.* in ([0-9.]+) seconds.*/\1/' <<<"$line")
    process=$(sed -E 's/.*running for ([0-9.]+)\)/\1/' <<<"$line")
    echo "$app $round $started $process" | tee -a "$log"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A started_med process_med
for app in "${apps[@]}"; do
  started_med[$app]=$(awk -v a="$app" '$1 == a { print $3 }' "$log" | median)
  process_med[$app]=$(awk -v a="$app" '$1 == a { print $4 }' "$log" | median)
done

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "| application | app jar | started in (median of $rounds) | process running for (median) |"
echo "|---|---|---|---|"
for app in "${apps[@]}"; do
  echo "| $app | $(mib "${jar_bytes[$app]}") MiB | ${started_med[$app]} s | ${process_med[$app]} s |"
done
echo
echo "jar growth, starter over bare: $(mib $((jar_bytes[starter] - jar_bytes[bare]))) MiB (target <= 20 MB)"
echo "jar growth, stack over bare:   $(mib $((jar_bytes[stack] - jar_bytes[bare]))) MiB"
echo "start-up, starter / stack-noweb: $(ratio "${started_med[starter]}" "${started_med[stack-noweb]}") (started in), $(ratio "${process_med[starter]}" "${process_med[stack-noweb]}") (process) (target <= 1.1)"
echo "start-up, starter / stack:       $(ratio "${started_med[starter]}" "${started_med[stack]}") (started in), $(ratio "${process_med[starter]}" "${process_med[stack]}") (process)"
echo "start-up, starter / bare:        $(ratio "${started_med[starter]}" "${started_med[bare]}") (started in), $(ratio "${process_med[starter]}" "${process_med[bare]}") (process)"
echo "netty-codec-native-quic in the starter's app jar: $(unzip -l starter/target/starter.jar | grep -c 'netty-codec-native-quic' || true)"
