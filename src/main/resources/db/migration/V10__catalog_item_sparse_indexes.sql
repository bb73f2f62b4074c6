-- The batch, claim and deferral columns of catalog_item are NULL for every product staging inserts, yet a plain index
-- holds an entry for every row, NULL or not (H2 and PostgreSQL alike): three of the six index entries each staged
-- product cost, a third of the time spent committing a 100,000-product staging on H2 (docs/BENCHMARKS.md, issue 16).
-- H2 has no partial indexes, and needs none of these three: claims and deferrals belong to remote mode, which
-- refuses H2, and batch mode looks a batch's products up by job instance and status (ix_catalog_item_feed).
-- PostgreSQL gets them back as partial indexes of the non-NULL values (db/vendor/postgresql/V10_1).
DROP INDEX ix_catalog_item_batch;
DROP INDEX ix_catalog_item_claimed_by;
DROP INDEX ix_catalog_item_deferred;
