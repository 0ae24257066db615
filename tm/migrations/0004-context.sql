-- tm/migrations/0004-context.sql - schema version 4: a unit's neighbours.
--
-- tmkit analyze tells a context match (a 100 % match whose neighbours in
-- the file it came from are the job segment's neighbours) by the units
-- just before and after it in its origin: an index on the place of every
-- provenance row finds them in one probe each.
CREATE INDEX IF NOT EXISTS unit_origin_place ON unit_origin(origin_id, document, position);
