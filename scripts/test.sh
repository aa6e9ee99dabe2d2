#!/usr/bin/env bash
# Runs every test of the solution. See README.md ("Run every test").
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet test Quickscan.sln --configuration Release
