-- The rate limit every worker process shares in remote mode (docs/OPERATIONS.md, "Rate limits"), on the job's
-- PostgreSQL database. Plain DDL that H2 also takes: one schema for both databases, though only PostgreSQL ever
-- fills these tables (remote mode refuses H2).

-- Bucket4j's token bucket, one row per provider + model + API-key fingerprint (a SHA-256 prefix, never the key).
-- The columns are the ones Bucket4j's PostgreSQL proxy reads and writes (state: its serialized bucket).
CREATE TABLE rate_limit_bucket (
    id          VARCHAR(200) PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);

-- Until when every worker holds back its calls because one of them got a 429 that said when the quota frees up,
-- in nanoseconds since the epoch on the workers' (NTP-synchronised) wall clocks. Only ever moved later.
CREATE TABLE rate_limit_pause (
    limit_key     VARCHAR(200) PRIMARY KEY,
    paused_until  BIGINT NOT NULL
);
