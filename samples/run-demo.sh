#!/usr/bin/env bash
# Demo: pack SecureCodingAnalyzers, consume it as a real package in samples/SupplierGateway, print the findings.
# Usage (from a fresh clone): bash samples/run-demo.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
artifacts="$root/artifacts"
feed="$artifacts/demo-feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# An isolated package cache: the demo must see the package just packed, never a stale copy.
export NUGET_PACKAGES="$artifacts/demo-packages"

rm -rf "$feed" "$NUGET_PACKAGES" "$artifacts/demo.sarif" "$artifacts/demo.evidence.json"
mkdir -p "$feed"

echo "==> Packing SecureCodingAnalyzers"
# No version override: a global Version property would change the restore graph and rewrite the lock files.
dotnet pack "$root/src/SecureCodingAnalyzers.Package/SecureCodingAnalyzers.Package.csproj" \
  -c Release -o "$feed" -nologo -v quiet
package="$(cd "$feed" && ls SecureCodingAnalyzers.*.nupkg | head -n 1)"
version="${package#SecureCodingAnalyzers.}"
version="${version%.nupkg}"
echo "    $package"

echo "==> Building samples/SupplierGateway against the packed package"
set +e
out="$(dotnet build "$here/SupplierGateway/SupplierGateway.csproj" --no-incremental -nologo -v quiet \
  -p:SecureCodingAnalyzersVersion="$version" -p:SecureCodingEvidence=true "-p:ErrorLog=$artifacts/demo.sarif%2Cversion=2.1" 2>&1)"
status=$?
set -e
# Findings of Error-level rules fail the build by design; anything else failing (restore, compiler) is a real error.
other_errors="$(printf '%s\n' "$out" | grep -E ': error ' | grep -vE ': error SCR[0-9]{4}:' || true)"
if [ -n "$other_errors" ]; then
  echo "$out"
  echo "The sample did not build (exit code $status)." >&2
  exit 1
fi

findings="$(printf '%s\n' "$out" | grep -E ': (warning|error|info) SCR[0-9]{4}:' | sed -E "s#^$here/##; s# \[[^]]*\]\$##" | sort -u || true)"
echo
echo "==> Findings ($(printf '%s' "$findings" | grep -c . || true))"
printf '%s\n' "$findings"
echo
if [ $status -ne 0 ]; then
  echo "The build failed as a supplier's CI build would: Error-level rules (hard-coded keys, disabled certificate"
  echo "validation) fail it in the recommended profile; warnings fail it too with TreatWarningsAsErrors."
fi
echo "SARIF 2.1 log with CWE and IEC 62443-4-1 tags: ${artifacts#$root/}/demo.sarif"

echo
echo "==> Evidence: merging the log, the coding standard and the report (secure-coding evidence)"
rm -rf "$artifacts/evidence"
dotnet run --project "$root/src/SecureCodingAnalyzers.Tool/SecureCodingAnalyzers.Tool.csproj" -c Release -v quiet -- \
  evidence collect --input "$artifacts/demo.sarif" --root "$root" --output "$artifacts/evidence"
dotnet run --project "$root/src/SecureCodingAnalyzers.Tool/SecureCodingAnalyzers.Tool.csproj" -c Release -v quiet --no-build -- \
  evidence standard --profile recommended --product "Contoso Supplier Gateway" --format html -o "$artifacts/evidence/coding-standard.html"
dotnet run --project "$root/src/SecureCodingAnalyzers.Tool/SecureCodingAnalyzers.Tool.csproj" -c Release -v quiet --no-build -- \
  evidence report --evidence "$artifacts/evidence/evidence.sarif" --product "Contoso Supplier Gateway" --format html -o "$artifacts/evidence/report.html"
# The standard and the report were added after collect wrote the manifest: rewrite it, then check the bundle as a
# manufacturer would.
dotnet run --project "$root/src/SecureCodingAnalyzers.Tool/SecureCodingAnalyzers.Tool.csproj" -c Release -v quiet --no-build -- \
  evidence manifest "$artifacts/evidence" >/dev/null
dotnet run --project "$root/src/SecureCodingAnalyzers.Tool/SecureCodingAnalyzers.Tool.csproj" -c Release -v quiet --no-build -- \
  evidence verify "$artifacts/evidence"
echo "Evidence: ${artifacts#$root/}/evidence/evidence.sarif (everything), upload.sarif (for GitHub code scanning),"
echo "          coding-standard.html (the enforced secure coding standard), manifest.json (SHA-256 of every file)"
echo "HTML report for assessors: ${artifacts#$root/}/evidence/report.html"
