-- PostgreSQL only (spring.flyway.locations adds db/vendor/{vendor}). V10 dropped the indexes of catalog_item's batch,
-- claim and deferral columns, which held an entry for every staged product although the columns are NULL until
-- batch or remote mode sets them. Here they come back holding only the rows those modes set: the queries that use
-- them (a batch's products, a worker's claims, an execution's deferrals) ask for one value, which is never NULL.
CREATE INDEX ix_catalog_item_batch ON catalog_item (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX ix_catalog_item_claimed_by ON catalog_item (claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX ix_catalog_item_deferred ON catalog_item (deferred_execution_id) WHERE deferred_execution_id IS NOT NULL;
