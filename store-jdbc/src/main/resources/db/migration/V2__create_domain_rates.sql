-- Per-domain bounce rates, version 2. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
-- Counters are time-bucketed (one-minute buckets by default) and only ever incremented, so that
-- every James server adds its counts to the same rows: windows are sums over buckets.

-- One row per domain, bucket and outcome: outcome is 'attempt' or a category label
-- (user-unknown, mailbox-full, blocked...). Rows are created on first increment.
CREATE TABLE domain_rate_bucket (
    domain       VARCHAR(255) NOT NULL,
    bucket_start TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome      VARCHAR(32) NOT NULL,
    total        BIGINT NOT NULL,
    CONSTRAINT domain_rate_bucket_pk PRIMARY KEY (domain, bucket_start, outcome)
);
CREATE INDEX domain_rate_bucket_by_time ON domain_rate_bucket (bucket_start);

-- Recipients refused with an x.7.x status, once per bucket: the store counts distinct recipients
-- per domain and status, across servers and buckets.
CREATE TABLE domain_rate_block (
    domain       VARCHAR(255) NOT NULL,
    bucket_start TIMESTAMP WITH TIME ZONE NOT NULL,
    status       VARCHAR(11) NOT NULL,
    recipient    VARCHAR(512) NOT NULL,
    CONSTRAINT domain_rate_block_pk PRIMARY KEY (domain, bucket_start, status, recipient)
);
CREATE INDEX domain_rate_block_by_time ON domain_rate_block (bucket_start);
