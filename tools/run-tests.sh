#!/usr/bin/env bash
# The test command of the README (`make test` calls it after setting up .venv).
# Runs lint, types and the whole suite (slow, browser and PostgreSQL tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
bash tools/ensure-system-deps.sh
"$VENV/bin/ruff" check src tests bench tools
"$VENV/bin/mypy"
# The layering contracts of pyproject.toml [tool.importlinter] (docs/architecture.md).
"$VENV/bin/lint-imports" --no-cache
set +e
# The whole suite, including the API contract run (`schemathesis run --checks all`,
# tests/web/test_api_contract.py) and the browser tests.
"$VENV/bin/pytest" -q -n 2 "$@"
status=$?
set -e
# pytest exits 5 when it collected no tests: nothing failed, but nothing ran either.
if [ "$status" -eq 5 ]; then
  echo "no tests were collected" >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
# The whole web suite again against PostgreSQL: pages, API, the browser path, the workers.
DPGKIT_TEST_DATABASE_URL=${DPGKIT_TEST_DATABASE_URL:-postgresql://root@127.0.0.1:5432/test} \
  "$VENV/bin/pytest" -q -n 2 tests/web
