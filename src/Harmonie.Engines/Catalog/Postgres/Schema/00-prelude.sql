-- harmonie PostgreSQL schema, version {{SchemaVersion}}: the catalog tables, and the tables and
-- OrleansQuery rows of Orleans' ADO.NET clustering and grain storage (Invariant "Npgsql").
-- Idempotent: every statement may run again on a database that already has it. Apply it in ONE
-- transaction (psql -1 -v ON_ERROR_STOP=1 -f harmonie.sql); the advisory lock below makes silos
-- that start at the same moment apply it one after the other.

SELECT pg_advisory_xact_lock(4841324913519542597);

CREATE TABLE IF NOT EXISTS harmonie_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- A database written by a newer harmonie is left untouched.
DO $guard$
DECLARE
    found integer;
BEGIN
    SELECT value::integer INTO found FROM harmonie_meta WHERE key = 'schema_version';
    IF found > {{SchemaVersion}} THEN
        RAISE EXCEPTION 'The database has harmonie schema version %, but this script only knows up to {{SchemaVersion}}. Upgrade harmonie; the database was not changed.', found;
    END IF;
END
$guard$;
