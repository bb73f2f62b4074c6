-- The images an output folder holds, across runs: what the nightly refresh compares each product's fingerprint
-- with. A product whose fingerprint is unchanged and whose file is still there as written is UP_TO_DATE and costs
-- nothing. Written in the chunk transaction that places the image.
CREATE TABLE image_manifest (
    output_root       VARCHAR(1000) NOT NULL,
    sku               VARCHAR(100)  NOT NULL,
    fingerprint       CHAR(64)      NOT NULL,
    image_path        VARCHAR       NOT NULL,
    sha256            CHAR(64)      NOT NULL,
    bytes             BIGINT        NOT NULL,
    modified_at       BIGINT        NOT NULL,
    width             INT,
    height            INT,
    image_size        VARCHAR(8)    NOT NULL,
    cost_usd          NUMERIC(12, 6),
    generated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    job_instance_id   BIGINT        NOT NULL,
    CONSTRAINT pk_image_manifest PRIMARY KEY (output_root, sku)
);

-- Products in the manifest that the run's catalog no longer lists (REMOVED in the report).
CREATE TABLE catalog_removal (
    job_instance_id   BIGINT        NOT NULL,
    sku               VARCHAR(100)  NOT NULL,
    image_path        VARCHAR,
    pruned            BOOLEAN       NOT NULL,
    CONSTRAINT pk_catalog_removal PRIMARY KEY (job_instance_id, sku)
);
