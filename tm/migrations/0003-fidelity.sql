-- tm/migrations/0003-fidelity.sql - schema version 3: what a TMX unit
-- carries, kept so that import -> export -> import gives the same units.
--
-- Language tags: unit.src_lang and unit.tgt_lang now hold full BCP 47 tags
-- in canonical case (de-CH, en-GB, zh-Hant-TW) as the file gave them; a
-- version 2 TM holds primary subtags only (de, en), which are tags too, so
-- its rows stay as they are.  The hashes for exact lookup are taken over
-- the primary subtag and the text (as before), so every variant of a
-- language shares a hash and a lookup by "de" finds de-CH.

-- Every attribute of the <tu> (scope 0) and of the source (1) and target
-- (2) <tuv> that has no column of its own (tuid, srclang, xml:lang,
-- creationdate, changedate and usagecount have), in file order: creationid,
-- changeid, datatype, segtype, o-tmf, lastusagedate, creationtool, ...
CREATE TABLE unit_attr (
    unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    scope   INTEGER NOT NULL CHECK (scope IN (0, 1, 2)),
    seq     INTEGER NOT NULL,
    name    TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (unit_id, scope, seq)
) WITHOUT ROWID;

-- Notes and properties: which part of the unit holds them (0 the <tu>, 1
-- the source <tuv>, 2 the target <tuv>; was: the variant's language, which
-- cannot tell en-US from en-GB apart once both are "en"), and their own
-- xml:lang and o-encoding attributes.
ALTER TABLE unit_note ADD COLUMN scope INTEGER NOT NULL DEFAULT 0;
ALTER TABLE unit_note ADD COLUMN xml_lang TEXT;
ALTER TABLE unit_note ADD COLUMN o_encoding TEXT;
UPDATE unit_note SET scope = CASE
    WHEN lang IS NULL THEN 0
    WHEN lang = (SELECT src_lang FROM unit WHERE unit.id = unit_note.unit_id) THEN 1
    ELSE 2 END;
