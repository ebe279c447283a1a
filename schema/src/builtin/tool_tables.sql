-- The migration tools' own bookkeeping tables, as each tool creates them before it applies
-- the first migration (some projects reference them: a trigger, a data fix). pgforge treats
-- them as built-ins that yield: a migration that creates one of its own replaces it.
-- Sections start with `-- tool: <name>`; a layout switches on the sections of its tools.

-- tool: diesel
CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
    version varchar(50) PRIMARY KEY NOT NULL,
    run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- tool: sqlx
CREATE TABLE IF NOT EXISTS _sqlx_migrations (
    version bigint PRIMARY KEY,
    description text NOT NULL,
    installed_on timestamptz NOT NULL DEFAULT now(),
    success boolean NOT NULL,
    checksum bytea NOT NULL,
    execution_time bigint NOT NULL
);

-- tool: golang-migrate
CREATE TABLE IF NOT EXISTS schema_migrations (
    version bigint NOT NULL PRIMARY KEY,
    dirty boolean NOT NULL
);

-- tool: goose
CREATE TABLE IF NOT EXISTS goose_db_version (
    id serial PRIMARY KEY,
    version_id bigint NOT NULL,
    is_applied boolean NOT NULL,
    tstamp timestamp DEFAULT now()
);

-- tool: flyway
CREATE TABLE IF NOT EXISTS flyway_schema_history (
    installed_rank integer NOT NULL PRIMARY KEY,
    version varchar(50),
    description varchar(200) NOT NULL,
    type varchar(20) NOT NULL,
    script varchar(1000) NOT NULL,
    checksum integer,
    installed_by varchar(100) NOT NULL,
    installed_on timestamp NOT NULL DEFAULT now(),
    execution_time integer NOT NULL,
    success boolean NOT NULL
);

-- tool: prisma
CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id varchar(36) PRIMARY KEY NOT NULL,
    checksum varchar(64) NOT NULL,
    finished_at timestamptz,
    migration_name varchar(255) NOT NULL,
    logs text,
    rolled_back_at timestamptz,
    started_at timestamptz NOT NULL DEFAULT now(),
    applied_steps_count integer NOT NULL DEFAULT 0
);

-- tool: drizzle
CREATE SCHEMA IF NOT EXISTS drizzle;
CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (
    id serial PRIMARY KEY,
    hash text NOT NULL,
    created_at bigint
);

-- tool: supabase
CREATE SCHEMA IF NOT EXISTS supabase_migrations;
CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (
    version text PRIMARY KEY,
    statements text[],
    name text
);
