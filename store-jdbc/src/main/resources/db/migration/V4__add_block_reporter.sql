-- Version 4: who reported each x.7.x refusal (the network that handed us the report, or the
-- recipient itself for a refusal our own delivery saw; '' when unknown), so that a reputation
-- signal needs several independent reporters, not only several recipients: a forger holding ten
-- mailboxes of one provider is one reporter. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE domain_rate_block ADD COLUMN reporter VARCHAR(255) DEFAULT '' NOT NULL;
