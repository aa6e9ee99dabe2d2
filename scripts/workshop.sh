#!/usr/bin/env bash
# A workshop of phones answering at a human pace, in one command, on this machine only (loopback), bounded in time
# (about 4 minutes):
#
#   scripts/workshop.sh            # 3000 phones
#   PHONES=1500 scripts/workshop.sh
#
# PHONES phones arrive spread over a minute; each starts, then reads and answers a step every minute and makes a
# background save of one changed answer every 10 s, for 150 s, against a PostgreSQL with durable commits. Prints
# the p50/p99 of the starts, the steps, the saves and every request, checks that every acknowledged answer is
# stored, and exits non-zero when the p99 of every request is 200 ms or more. It is scripts/load.sh in its
# workshop mode (the same throwaway PostgreSQL, the same app in Production); figures go to artifacts/load/.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKSHOP=${PHONES:-3000} exec bash scripts/load.sh
