-- Hourly totals per domain and outcome, kept a week: what the dashboard draws over 24 hours and 7 days.
-- The minute buckets (domain_rate_bucket) that the rules read are kept a day only.
CREATE TABLE domain_rate_hour (
    domain     VARCHAR(255) NOT NULL,
    hour_start TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome    VARCHAR(32) NOT NULL,
    total      BIGINT NOT NULL,
    CONSTRAINT domain_rate_hour_pk PRIMARY KEY (domain, hour_start, outcome)
);
CREATE INDEX domain_rate_hour_by_time ON domain_rate_hour (hour_start);

-- When a report was recorded here (occurred_at is the report's own date, which can be days earlier): the
-- dashboard counts the reports received per hour. Rows recorded before this version get the migration's time.
ALTER TABLE bounce_event ADD COLUMN received_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
CREATE INDEX bounce_event_by_receipt ON bounce_event (received_at);
