-- A running execution's sign of life, refreshed every few seconds: `recover` refuses to mark an execution failed
-- while another process is still beating for it (on H2 the file lock already keeps a second process out).
CREATE TABLE run_heartbeat (
    job_execution_id  BIGINT        NOT NULL PRIMARY KEY,
    owner             VARCHAR(200)  NOT NULL,
    beat_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
