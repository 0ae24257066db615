-- tm/schema.sql - the tmkit translation memory, schema version 1.
--
-- One SQLite file per TM.  A new TM gets this file, then every migration in
-- tm/migrations/ (NNNN-name.sql upgrades version NNNN-1 to NNNN); an older
-- TM gets the migrations past its PRAGMA user_version.  Never edit this file
-- once released: add a migration.
--
-- A translation unit is one pair of segments (source and target, in the
-- direction the pair was written).  The same pair imported twice stays one
-- unit: its count goes up and it gains a provenance row.

-- Where units come from: one row per imported file (or aligned document).
CREATE TABLE origin (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,          -- the file as named on import
    format      TEXT NOT NULL,          -- tmx, tsv, csv, po, mo, align
    tool        TEXT,                   -- a TMX's creationtool and version
    imported_at TEXT NOT NULL           -- ISO 8601, UTC
);

CREATE TABLE unit (
    id            INTEGER PRIMARY KEY,
    src_lang      TEXT NOT NULL,        -- primary language subtag, lower case: de, en
    tgt_lang      TEXT NOT NULL,
    source        TEXT NOT NULL,        -- plain text, NFC
    target        TEXT NOT NULL,
    source_markup TEXT,                 -- TMX <seg> content with inline tags, if it had any
    target_markup TEXT,
    source_norm   TEXT NOT NULL,        -- case-folded, diacritics removed, spaces collapsed
    target_norm   TEXT NOT NULL,
    source_hash   INTEGER NOT NULL,     -- of src_lang and source_norm: exact lookup, and
                                        -- duplicates (same hash, then the texts compared)
    target_hash   INTEGER NOT NULL,     -- of tgt_lang and target_norm
    source_words  INTEGER NOT NULL,     -- tokens, for the fuzzy length filter
    target_words  INTEGER NOT NULL,
    tuid          TEXT,
    created_at    TEXT NOT NULL,
    changed_at    TEXT NOT NULL,
    usage_count   INTEGER NOT NULL DEFAULT 0,   -- a TMX's usagecount
    seen_count    INTEGER NOT NULL DEFAULT 1    -- how often this pair was imported
);
CREATE INDEX unit_source ON unit(source_hash);
CREATE INDEX unit_target ON unit(target_hash);

-- The language pairs present, as written (source, target): a lookup skips
-- a side that no unit has in the query's language.  Filled when an import
-- commits; never emptied (a stale row only costs a wasted probe).
CREATE TABLE lang_pair (
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    PRIMARY KEY (src_lang, tgt_lang)
) WITHOUT ROWID;

-- Provenance: every place a unit was found.
CREATE TABLE unit_origin (
    unit_id   INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    origin_id INTEGER NOT NULL REFERENCES origin(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,         -- line (TSV, CSV, PO) or unit number (TMX, align)
    document  TEXT,                     -- document within the file, if any
    PRIMARY KEY (unit_id, origin_id, position)
) WITHOUT ROWID;
CREATE INDEX unit_origin_origin ON unit_origin(origin_id);

-- Notes and properties from TMX (<note>, <prop type="...">), on the unit or
-- on one language's variant (lang set).
CREATE TABLE unit_note (
    id      INTEGER PRIMARY KEY,        -- keeps the notes in file order
    unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    lang    TEXT,
    kind    TEXT NOT NULL CHECK (kind IN ('note', 'prop')),
    type    TEXT,
    value   TEXT NOT NULL
);
CREATE INDEX unit_note_unit ON unit_note(unit_id);

-- Word index for fuzzy candidates: case- and diacritic-insensitive words.
-- Queries are single words (no phrases), so column detail is enough.
--
-- New units are indexed in bulk when their transaction commits (tmkit
-- inserts "SELECT ... FROM unit WHERE id > the last id before it"), which is
-- several times faster than a trigger per row; deletions and changes of
-- the indexed text go through the triggers below.
CREATE VIRTUAL TABLE unit_words USING fts5(
    source_norm, target_norm,
    content = 'unit', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', detail = column);

-- The distinct words of the word index, each once, with a trigram index:
-- concordance looks a stem up as a substring among the words (Anschlag in
-- Terroranschlag, Anschläge), then finds the units holding those words
-- through unit_words.  Indexing words rather than whole texts costs a
-- fraction of the time and space.  Filled when an import commits.
CREATE TABLE word (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE word_grams USING fts5(
    text, content = 'word', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE unit_words_vocab USING fts5vocab(unit_words, 'row');

-- (A word left behind by deleted units costs concordance nothing: it
-- simply finds no unit.)
CREATE TRIGGER unit_ad AFTER DELETE ON unit BEGIN
    INSERT INTO unit_words(unit_words, rowid, source_norm, target_norm)
        VALUES ('delete', old.id, old.source_norm, old.target_norm);
END;
CREATE TRIGGER unit_au AFTER UPDATE OF source_norm, target_norm ON unit BEGIN
    INSERT INTO unit_words(unit_words, rowid, source_norm, target_norm)
        VALUES ('delete', old.id, old.source_norm, old.target_norm);
    INSERT INTO unit_words(rowid, source_norm, target_norm)
        VALUES (new.id, new.source_norm, new.target_norm);
END;

