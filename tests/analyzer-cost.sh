#!/usr/bin/env bash
# What the SidecarGuard analyzers cost a build: this repository's own 33 projects (SK and M.E.AI among them) are
# built from scratch twice with the analyzers injected into every project and twice without, alternately, and the
# wall-clock times and the analyzers' own execution time (ReportAnalyzer) are printed. A proxy for a large public
# codebase, which this workplace cannot fetch. About ten minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build analyzers/SidecarGuard.Analyzers -c Release -v:q -nologo > /dev/null
cp analyzers/SidecarGuard.Analyzers/bin/Release/netstandard2.0/SidecarGuard.Analyzers.dll "$work/"
cat > "$work/inject.targets" <<TARGETS
<Project>
  <ItemGroup Condition="!\$(MSBuildProjectName.StartsWith('SidecarGuard.Analyzers'))">
    <Analyzer Include="$work/SidecarGuard.Analyzers.dll" />
  </ItemGroup>
</Project>
TARGETS
for mode in with without with without; do
  extra=()
  [ "$mode" = with ] && extra=("-p:CustomAfterMicrosoftCommonTargets=$work/inject.targets")
  start=$(date +%s.%N)
  # Warnings stay warnings here: the analyzers warn on this repository's own tests, which call models on purpose.
  dotnet build SidecarGuard.sln -c Release --no-incremental -p:ReportAnalyzer=true -p:TreatWarningsAsErrors=false \
    -p:WarningsAsErrors= "${extra[@]}" -v:d > "$work/$mode.log" 2>&1
  end=$(date +%s.%N)
  own=$(grep -E '^\s+[0-9.]+\s+[0-9]+\s+SidecarGuard.Analyzers, Version' "$work/$mode.log" | awk '{s+=$1} END {printf "%.1f", s}')
  echo "$mode analyzers: build $(echo "$end - $start" | bc) s; SidecarGuard analyzers' execution time summed over projects: ${own:-0} s"
done
