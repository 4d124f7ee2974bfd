#!/usr/bin/env bash
# Runs every test of the solution on this machine and ends with one line: "N passed, N failed".
# Installs what the tests need first, so it works on a fresh machine that has only the .NET SDK.
set -uo pipefail
cd "$(dirname "$0")"

results=TestResults
rm -rf "$results"
dotnet test HnReply.slnx -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A build failure leaves no TRX: count it as a failure so the closing line never reads as green.
if [ $found = 0 ] || { [ $status != 0 ] && [ $failed = 0 ]; }; then failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
