-- Version 8: when each suppression row was last written, by the database's clock. A server's prefilter
-- (an in-memory filter of every suppressed address) reads the rows written since its last reading, so a
-- suppression written by another server, or by the CLI, reaches it within its refresh. Rows written
-- before this version get the migration's time. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE suppression ADD COLUMN written_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
CREATE INDEX suppression_by_write ON suppression (written_at, address);
