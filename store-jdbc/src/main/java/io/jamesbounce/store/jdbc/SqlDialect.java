package io.jamesbounce.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The two databases the store runs on. The SQL is the same for both (H2 runs in PostgreSQL
 * mode); what differs is how a large result is streamed and how migrations are serialised.
 */
public enum SqlDialect {
    H2,
    POSTGRESQL;

    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new SQLException("unsupported database for the suppression store: " + product
            + " (use the embedded H2 default or PostgreSQL)");
    }
}
