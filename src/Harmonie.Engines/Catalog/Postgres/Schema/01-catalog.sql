-- Catalog (schema version 1). Text that is compared or ordered uses the "C" collation, so equality
-- and order are ordinal whatever the database locale (as in the LiteDB catalog).

-- Track ids and the change sequence come from sequences: never reused, safe with many writers.
CREATE SEQUENCE IF NOT EXISTS harmonie_track_id_seq;
CREATE SEQUENCE IF NOT EXISTS harmonie_change_seq;
CREATE SEQUENCE IF NOT EXISTS harmonie_scan_id_seq;

CREATE TABLE IF NOT EXISTS harmonie_tracks (
    id                 bigint PRIMARY KEY DEFAULT nextval('harmonie_track_id_seq'),
    path               text COLLATE "C" NOT NULL UNIQUE,
    library_root       text COLLATE "C",
    relative_path      text COLLATE "C",
    size               bigint NOT NULL,
    mtime              double precision NOT NULL,
    duration           double precision NOT NULL,
    model              text COLLATE "C",
    embedding_dim      integer,
    descriptor_version integer NOT NULL,
    bpm                double precision,
    bpm_confidence     double precision,
    key                text,
    scale              text,
    key_strength       double precision,
    loudness           double precision,
    danceability       double precision,
    onset_rate         double precision,
    artist             text,
    album              text,
    title              text,
    track_number       integer,
    -- Tags folded with .NET ToLowerInvariant by the writer, for case-insensitive resolution.
    artist_lc          text COLLATE "C",
    album_lc           text COLLATE "C",
    title_lc           text COLLATE "C",
    style_labels       text[] NOT NULL DEFAULT '{}',
    style_probabilities double precision[] NOT NULL DEFAULT '{}',
    analyzed_at        double precision NOT NULL,
    fingerprint        text COLLATE "C",
    imported           boolean NOT NULL DEFAULT false,
    -- The value of harmonie_change_seq at the row's last change (index reconciliation).
    seq                bigint NOT NULL
);

CREATE INDEX IF NOT EXISTS harmonie_tracks_relative_path ON harmonie_tracks (relative_path);
CREATE INDEX IF NOT EXISTS harmonie_tracks_library_root ON harmonie_tracks (library_root);
CREATE INDEX IF NOT EXISTS harmonie_tracks_model_id ON harmonie_tracks (model, id);
CREATE INDEX IF NOT EXISTS harmonie_tracks_title_lc ON harmonie_tracks (title_lc);
CREATE INDEX IF NOT EXISTS harmonie_tracks_fingerprint ON harmonie_tracks (fingerprint);
CREATE INDEX IF NOT EXISTS harmonie_tracks_seq ON harmonie_tracks (seq);
CREATE INDEX IF NOT EXISTS harmonie_tracks_bpm_id ON harmonie_tracks (bpm NULLS FIRST, id);
CREATE INDEX IF NOT EXISTS harmonie_tracks_duration_id ON harmonie_tracks (duration, id);
CREATE INDEX IF NOT EXISTS harmonie_tracks_analyzed_at_id ON harmonie_tracks (analyzed_at, id);

-- Embeddings and style activations (little-endian float32) live apart from the rows the API lists.
CREATE TABLE IF NOT EXISTS harmonie_vectors (
    track_id  bigint PRIMARY KEY REFERENCES harmonie_tracks (id) ON DELETE CASCADE,
    model     text COLLATE "C" NOT NULL,
    embedding bytea NOT NULL,
    styles    bytea
);

CREATE TABLE IF NOT EXISTS harmonie_tombstones (
    seq      bigint PRIMARY KEY,
    track_id bigint NOT NULL,
    model    text COLLATE "C"
);

-- Library totals kept by statement triggers in the writing transaction, so /status reads a few
-- rows instead of scanning the tracks. kind is 'all' (key ''), 'model' or 'root'.
CREATE TABLE IF NOT EXISTS harmonie_totals (
    kind     text COLLATE "C" NOT NULL,
    key      text COLLATE "C" NOT NULL,
    tracks   bigint NOT NULL,
    duration double precision NOT NULL,
    bytes    bigint NOT NULL,
    PRIMARY KEY (kind, key)
);

-- Adds the deltas in (kind, key) order: every writer locks the 'all' row first, so writers of
-- totals queue up instead of deadlocking. Rows whose counted columns did not change add nothing.
CREATE OR REPLACE FUNCTION harmonie_apply_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO harmonie_totals AS t (kind, key, tracks, duration, bytes)
        SELECT d.kind, d.key, sum(d.n), sum(d.duration), sum(d.bytes)
        FROM (
            SELECT 'all' AS kind, '' AS key, 1 AS n, r.duration, r.size AS bytes FROM new_rows r
            UNION ALL SELECT 'model', r.model, 1, r.duration, r.size FROM new_rows r WHERE r.model IS NOT NULL
            UNION ALL SELECT 'root', r.library_root, 1, r.duration, r.size FROM new_rows r WHERE r.library_root IS NOT NULL
        ) d
        GROUP BY d.kind, d.key
        ORDER BY d.kind, d.key
        ON CONFLICT (kind, key) DO UPDATE SET tracks = t.tracks + excluded.tracks,
            duration = t.duration + excluded.duration, bytes = t.bytes + excluded.bytes;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO harmonie_totals AS t (kind, key, tracks, duration, bytes)
        SELECT d.kind, d.key, -sum(d.n), -sum(d.duration), -sum(d.bytes)
        FROM (
            SELECT 'all' AS kind, '' AS key, 1 AS n, r.duration, r.size AS bytes FROM old_rows r
            UNION ALL SELECT 'model', r.model, 1, r.duration, r.size FROM old_rows r WHERE r.model IS NOT NULL
            UNION ALL SELECT 'root', r.library_root, 1, r.duration, r.size FROM old_rows r WHERE r.library_root IS NOT NULL
        ) d
        GROUP BY d.kind, d.key
        ORDER BY d.kind, d.key
        ON CONFLICT (kind, key) DO UPDATE SET tracks = t.tracks + excluded.tracks,
            duration = t.duration + excluded.duration, bytes = t.bytes + excluded.bytes;
    ELSE
        INSERT INTO harmonie_totals AS t (kind, key, tracks, duration, bytes)
        SELECT d.kind, d.key, sum(d.n), sum(d.duration), sum(d.bytes)
        FROM (
            WITH changed AS (
                SELECT o.duration AS old_duration, o.size AS old_size, o.model AS old_model, o.library_root AS old_root,
                       n.duration AS new_duration, n.size AS new_size, n.model AS new_model, n.library_root AS new_root
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.duration, o.size, o.model, o.library_root) IS DISTINCT FROM (n.duration, n.size, n.model, n.library_root)
            )
            SELECT 'all' AS kind, '' AS key, 0 AS n, c.new_duration - c.old_duration AS duration, c.new_size - c.old_size AS bytes FROM changed c
            UNION ALL SELECT 'model', c.old_model, -1, -c.old_duration, -c.old_size FROM changed c WHERE c.old_model IS NOT NULL
            UNION ALL SELECT 'model', c.new_model, 1, c.new_duration, c.new_size FROM changed c WHERE c.new_model IS NOT NULL
            UNION ALL SELECT 'root', c.old_root, -1, -c.old_duration, -c.old_size FROM changed c WHERE c.old_root IS NOT NULL
            UNION ALL SELECT 'root', c.new_root, 1, c.new_duration, c.new_size FROM changed c WHERE c.new_root IS NOT NULL
        ) d
        GROUP BY d.kind, d.key
        HAVING sum(d.n) <> 0 OR sum(d.duration) <> 0 OR sum(d.bytes) <> 0
        ORDER BY d.kind, d.key
        ON CONFLICT (kind, key) DO UPDATE SET tracks = t.tracks + excluded.tracks,
            duration = t.duration + excluded.duration, bytes = t.bytes + excluded.bytes;
    END IF;
    RETURN NULL;
END
$fn$;

-- Statement-level triggers (transition tables allow one event each): the totals are locked once,
-- after the statement has locked its track rows, never in between. Created only when missing, so a
-- re-run takes no lock on the tracks.
DO $triggers$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'harmonie_tracks'::regclass AND tgname = 'harmonie_tracks_totals_insert') THEN
        CREATE TRIGGER harmonie_tracks_totals_insert AFTER INSERT ON harmonie_tracks
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION harmonie_apply_totals();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'harmonie_tracks'::regclass AND tgname = 'harmonie_tracks_totals_update') THEN
        CREATE TRIGGER harmonie_tracks_totals_update AFTER UPDATE ON harmonie_tracks
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION harmonie_apply_totals();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'harmonie_tracks'::regclass AND tgname = 'harmonie_tracks_totals_delete') THEN
        CREATE TRIGGER harmonie_tracks_totals_delete AFTER DELETE ON harmonie_tracks
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION harmonie_apply_totals();
    END IF;
END
$triggers$;

CREATE TABLE IF NOT EXISTS harmonie_orphaned_roots (
    root  text COLLATE "C" PRIMARY KEY,
    since double precision NOT NULL
);

CREATE TABLE IF NOT EXISTS harmonie_scans (
    id                 bigint PRIMARY KEY DEFAULT nextval('harmonie_scan_id_seq'),
    started_at         double precision NOT NULL,
    finished_at        double precision,
    duration_sec       double precision,
    discovered         bigint NOT NULL,
    "full"             bigint NOT NULL,
    descriptors_only   bigint NOT NULL,
    skipped            bigint NOT NULL,
    failed             bigint NOT NULL,
    removed            bigint NOT NULL,
    workers            integer NOT NULL,
    backend            text NOT NULL,
    model              text NOT NULL,
    forced             boolean NOT NULL,
    harmonie_version   text NOT NULL,
    descriptor_version integer NOT NULL,
    state              text NOT NULL,
    last_error         text
);

CREATE INDEX IF NOT EXISTS harmonie_scans_state ON harmonie_scans (state);

CREATE TABLE IF NOT EXISTS harmonie_scan_failures (
    id        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    scan_id   bigint NOT NULL,
    path      text NOT NULL,
    error     text NOT NULL,
    failed_at double precision NOT NULL,
    size      bigint,
    mtime     double precision
);

CREATE INDEX IF NOT EXISTS harmonie_scan_failures_scan_id ON harmonie_scan_failures (scan_id, id);
