-- tm/migrations/0002-termbase.sql - schema version 2: the term base.
--
-- A concept is one thing named in both languages (an office, a group, a
-- person, a place, a term of the field); its terms are its names per
-- language: the preferred one, admitted variants and synonyms, and
-- forbidden (deprecated) ones a translator must not use.

CREATE TABLE concept (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL DEFAULT 'term'
                CHECK (type IN ('person', 'organisation', 'place', 'term', 'acronym')),
    domain      TEXT,                   -- e.g. security, law, politics
    definition  TEXT,
    note        TEXT,
    source      TEXT,                   -- where the entry was checked
    created_at  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);

CREATE TABLE term (
    id          INTEGER PRIMARY KEY,
    concept_id  INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,          -- de, en
    text        TEXT NOT NULL,          -- as written, NFC
    status      TEXT NOT NULL DEFAULT 'preferred'
                CHECK (status IN ('preferred', 'admitted', 'forbidden')),
    note        TEXT,
    norm        TEXT NOT NULL,          -- folded: case, diacritics, ä = ae, ß = ss
    key         TEXT NOT NULL,          -- its words folded and stemmed, one space apart
    words       INTEGER NOT NULL,       -- how many
    seq         INTEGER NOT NULL DEFAULT 0  -- order within the concept and language
);
CREATE INDEX term_concept ON term(concept_id);
CREATE INDEX term_key ON term(key, lang);
CREATE UNIQUE INDEX term_unique ON term(concept_id, lang, norm);

-- Each word (stemmed, as in term.key) of each term: which longer terms
-- hold a query's words is an index probe, not a scan of every term.
CREATE TABLE term_word (
    word    TEXT NOT NULL,
    term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,
    PRIMARY KEY (word, term_id)
) WITHOUT ROWID;
CREATE INDEX term_word_term ON term_word(term_id);
