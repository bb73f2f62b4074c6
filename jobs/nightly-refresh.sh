#!/usr/bin/env bash
# Nightly catalog refresh, for cron (see jobs/crontab.example).
#
#   jobs/nightly-refresh.sh CATALOG.csv PROFILE [extra run flags...]
#
# One job instance per calendar day: --run-id is today's date, so running this again the same day (after a
# failure, a stop or a kill) continues that day's run instead of starting anew, and a completed day does nothing.
# A run a killed process left STARTED is recovered first (--recover). Writes logs/nightly-YYYY-MM-DD.log and exits
# with the job's exit code: 0 completed, 3 completed with skipped products, 4 stopped (restartable), 1 failed,
# 5 already running, 64 usage error (also a catalog or folder that is not there, or an empty argument: then nothing
# runs, not even the sample catalog). Environment: RUN_DATE (default today), LOG_DIR (default logs),
# CATALOG_IMAGE_JAR (default target/catalog-image-batch.jar), JAVA_OPTS, and the provider's API key.
#
# The images are bought through the provider's Batch API at half price (--mode auto) and are ready by
# NIGHTLY_DEADLINE (default 06:00, the next 06:00 in the machine's zone; also an ISO instant or a duration such as
# 4h): what the batches have not delivered by the latest safe switch time is bought by synchronous calls in time.
# NIGHTLY_MODE=sync buys every image by a call (no deadline then); NIGHTLY_MODE=batch waits for the batches however
# long they take. See docs/OPERATIONS.md, "Batch mode".
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 CATALOG.csv PROFILE [extra run flags...]" >&2
  exit 64
fi
given=$1
# readlink -f prints nothing when the catalog's folder is missing: never let that become an empty --input
catalog=$(readlink -f -- "$1") || catalog=
profile=$2
shift 2

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 1
jar=${CATALOG_IMAGE_JAR:-target/catalog-image-batch.jar}
day=${RUN_DATE:-$(date +%F)}
mode=${NIGHTLY_MODE:-auto}
deadline=${NIGHTLY_DEADLINE:-06:00}
buy=(--mode "$mode")
if [ "$mode" = auto ]; then
  buy+=(--deadline "$deadline")
fi
logs=${LOG_DIR:-logs}
mkdir -p "$logs"
log="$logs/nightly-$day.log"

usage_error() {
  echo "=== $(date -Is) error: $1; nothing was run (exit code 64)" | tee -a "$log" >&2
  exit 64
}
if [ -z "$catalog" ] || [ ! -f "$catalog" ]; then
  usage_error "catalog not found: '$given'"
fi
if [ -z "$profile" ]; then
  usage_error "no profile given (the second argument is empty)"
fi

{
  echo "=== $(date -Is) nightly refresh of $catalog with profile $profile (run-id $day, ${buy[*]})"
  java ${JAVA_OPTS:-} -jar "$jar" run --input "$catalog" --profile "$profile" --run-id "$day" --recover "${buy[@]}" "$@"
  code=$?
  echo "=== $(date -Is) exit code $code"
  exit $code
} >>"$log" 2>&1
