-- What workers in several processes share while one execution of the generate step runs (docs/ARCHITECTURE.md,
-- "Where a run's state lives"). Used only with imagebatch.remote.enabled=true; a single-JVM run leaves these empty.

-- A claim with a lease: the worker (WorkerIdentity: host, pid, random suffix) that took a PENDING product and until
-- when it holds it. The worker renews its leases while it holds products; a worker that died stops renewing, so its
-- products are claimed again once the lease has expired. A product's claim ends when it leaves PENDING.
ALTER TABLE catalog_item ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE catalog_item ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_catalog_item_claimed_by ON catalog_item (claimed_by);

-- A skip that waits for the step's verdict (retries exhausted, a rejected request): the product stays PENDING and is
-- not handed out again in that execution; the manager records it as SKIPPED once every worker ended, unless the run
-- failed, in which case the restart (a new execution) retries it.
ALTER TABLE catalog_item ADD COLUMN deferred_execution_id BIGINT;
ALTER TABLE catalog_item ADD COLUMN deferred_reason VARCHAR(200);
ALTER TABLE catalog_item ADD COLUMN deferred_message VARCHAR;
ALTER TABLE catalog_item ADD COLUMN deferred_started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE catalog_item ADD COLUMN deferred_rate_wait_ms BIGINT;
ALTER TABLE catalog_item ADD COLUMN deferred_retry_wait_ms BIGINT;
CREATE INDEX ix_catalog_item_deferred ON catalog_item (deferred_execution_id);

-- The gate of one execution of the generate step: OPEN until a failure, a budget or a stop closes it for every
-- worker. Closing is one conditional update (where state = 'OPEN'), so the first reason wins.
CREATE TABLE run_gate (
    job_execution_id  BIGINT        NOT NULL PRIMARY KEY,
    state             VARCHAR(16)   NOT NULL,
    reason            VARCHAR,
    closed_by         VARCHAR(200),
    closed_at         TIMESTAMP WITH TIME ZONE
);
