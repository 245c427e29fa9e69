-- Version 6: what the servers of a cluster must agree on about a throttled domain. Runs unchanged on
-- H2 (MODE=PostgreSQL) and PostgreSQL.

-- The next free send slot of each throttled domain, in microseconds since the epoch: every server
-- reserves its slots from this one line, so a cluster sends a throttled domain its rate in total.
CREATE TABLE domain_throttle (
    domain       VARCHAR(255) NOT NULL PRIMARY KEY,
    next_slot_us BIGINT NOT NULL
);

-- The last state change of each domain that left NORMAL: the first server to move a row from one state
-- to the next is the one that alerts the postmaster.
CREATE TABLE domain_state (
    domain VARCHAR(255) NOT NULL PRIMARY KEY,
    state  VARCHAR(16) NOT NULL,
    since  TIMESTAMP WITH TIME ZONE NOT NULL
);
