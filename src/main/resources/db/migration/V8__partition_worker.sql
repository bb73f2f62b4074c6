-- Remote partitioning: which worker process runs a slot (a partition step execution) of a remote run, and its last
-- sign of life. The primary key makes taking a slot atomic: a worker takes it by inserting the row, the manager
-- closes a slot nobody took by inserting it first, and a slot whose worker stopped beating is handed out again by
-- deleting the row and sending the request once more.
CREATE TABLE partition_worker (
    step_execution_id  BIGINT        NOT NULL PRIMARY KEY,
    job_execution_id   BIGINT        NOT NULL,
    worker             VARCHAR(200)  NOT NULL,
    taken_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    beat_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX partition_worker_job ON partition_worker (job_execution_id);
