-- H2 only (spring.flyway.locations adds db/vendor/{vendor}). H2 writes an identity column's next block of values
-- to the store every CACHE values (32 by default), and with WRITE_DELAY=0 each such write is a commit of the whole
-- store: staging 100,000 products spent half of its insert time in those 3,125 extra commits. With 1,000 a block
-- serves a whole staging batch. A kill loses at most the block's unused values (a gap in the ids, nothing else).
-- PostgreSQL needs none of this (a nextval writes nothing), and its per-connection cache would break the ids'
-- catalog order across staging batches.
ALTER TABLE catalog_item ALTER COLUMN id SET CACHE 1000;
ALTER TABLE catalog_rejection ALTER COLUMN id SET CACHE 1000;
