#!/usr/bin/env bash
# Reproduces the README's performance table on this machine (about twenty minutes; run it on a quiet machine):
#   1. EvaluateTurn vs a same-size no-op RPC on one server, 64 streams: SQLite with the semantic stage (as served) and
#      with the lexicon detector, memory with the lexicon detector and without detection
#   2. BenchmarkDotNet: detection of 1 KB turns against SHA-256, in-process EvaluateTurn at turn 1 vs turn 10 000, the
#      semantic stage against the lexicons, the 8-bit encoder against the float one, shared encoder runs
#   3. resident memory with 1 000 000 SQLite conversations (encoder loaded, and lexicons only), and with 100 000 in Redis
#      (when redis-server is installed)
# Every figure is a ratio against a baseline measured in the same run, or a resident size against the same process
# before it filled its store.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n=== %s\n' "$*"; }
load() { dotnet tests/SidecarGuard.LoadTest/bin/Release/net10.0/SidecarGuard.LoadTest.dll "$@"; }

section "building (Release)"
dotnet build -c Release -v q -nologo tests/SidecarGuard.LoadTest
dotnet build -c Release -v q -nologo tests/SidecarGuard.Benchmarks

section "throughput and latency: SQLite store, semantic stage (both defaults: the product as served)"
load --store sqlite
section "throughput and latency: SQLite store, semantic stage, 5% of calls a harmful request"
load --store sqlite --harmful-percent 5
section "throughput and latency: SQLite store, lexicon detector"
load --store sqlite --detector lexicon
section "throughput and latency: SQLite store, lexicon detector, every write flushed to disk (--db-sync full)"
load --store sqlite --detector lexicon --db-sync full
section "throughput and latency: in-memory store, lexicon detector"
load --store memory --detector lexicon
section "throughput and latency: in-memory store, detection switched off (what the host and engine cost)"
load --store memory --detector none

section "BenchmarkDotNet (one launch, 5 warm-up and 15 measured iterations): detection and in-process evaluation"
artifacts=$(mktemp -d)
dotnet run -c Release --no-build --project tests/SidecarGuard.Benchmarks -- --filter '*' --launchCount 1 --warmupCount 5 --iterationCount 15 --artifacts "$artifacts" > "$artifacts/log.txt"
for report in "$artifacts"/results/*-report-github.md; do
  grep '^|' "$report" | sed "s/&#39;/'/g"
  echo
done
rm -rf "$artifacts"

section "resident memory: the encoder loaded and 1 000 000 conversations in SQLite"
load --memory-conversations 1000000
section "resident memory: 1 000 000 conversations in SQLite, lexicon detector"
load --memory-conversations 1000000 --detector lexicon

redis=$(command -v redis-server || true)
if [ -n "$redis" ]; then
  section "resident memory: a hot set of 100 000 conversations in Redis"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  dir=$(mktemp -d)
  "$redis" --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no --daemonize yes --pidfile "$dir/redis.pid" > /dev/null
  trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
  for _ in $(seq 50); do redis-cli -p "$port" ping > /dev/null 2>&1 && break; sleep 0.1; done
  load --store redis --redis "127.0.0.1:$port" --memory-conversations 100000 --detector lexicon
else
  section "resident memory in Redis: skipped (redis-server is not installed; tests/run.sh installs it)"
fi
