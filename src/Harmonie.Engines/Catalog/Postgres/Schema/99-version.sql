INSERT INTO harmonie_meta (key, value) VALUES ('schema_version', '{{SchemaVersion}}')
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
