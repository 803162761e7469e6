-- Orleans ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet, Invariant "Npgsql").
-- One row per grain state; version is the state's etag. Writes and clears succeed only against the
-- version the grain holds (NULL for a state never written) and return the new version; a NULL
-- answer tells the provider that another activation wrote first (InconsistentStateException).
-- Lookups go through the two hashes the provider computes; the natural key decides.

CREATE TABLE IF NOT EXISTS orleansstorage (
    grainidhash            integer NOT NULL,
    grainidn0              bigint NOT NULL,
    grainidn1              bigint NOT NULL,
    graintypehash          integer NOT NULL,
    graintypestring        text NOT NULL,
    grainidextensionstring text,
    serviceid              text NOT NULL,
    payloadbinary          bytea,
    modifiedon             timestamptz NOT NULL DEFAULT now(),
    version                integer
);

CREATE INDEX IF NOT EXISTS orleansstorage_hashes ON orleansstorage (grainidhash, graintypehash);

-- Grain keys can be long (a track grain is keyed by its path): uniqueness is on digests of the text parts.
CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_natural_key ON orleansstorage
    (grainidhash, graintypehash, grainidn0, grainidn1, md5(serviceid), md5(graintypestring), md5(coalesce(grainidextensionstring, '')));

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payloadbinary, version
FROM orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
  AND coalesce(grainidextensionstring, '') = coalesce(@GrainIdExtensionString, '');
$q$),
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleansstorage
    SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '') = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted LIMIT 1) AS newgrainstateversion;
$q$),
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleansstorage
    SET payloadbinary = NULL, modifiedon = now(), version = version + 1
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '') = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM cleared) AS version;
$q$),
-- Used instead of ClearStorageKey when the storage is configured with DeleteStateOnClear = true.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleansstorage
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '') = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version + 1 FROM deleted) AS version;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
