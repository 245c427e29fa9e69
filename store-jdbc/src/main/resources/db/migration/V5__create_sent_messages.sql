-- Version 5: the messages this cluster sent, each to one recipient, for the time a bounce may take to
-- come back: a report without a signed return path is believed for a recipient only when we sent it the
-- message the report names. Kept as a digest of "<message-id> <recipient>" (16 bytes of SHA-256, hex):
-- no address or Message-ID in clear, and a constant row size. Runs unchanged on H2 and PostgreSQL.
CREATE TABLE sent_message (
    digest  CHAR(32) NOT NULL PRIMARY KEY,
    sent_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sent_message_by_time ON sent_message (sent_at);
