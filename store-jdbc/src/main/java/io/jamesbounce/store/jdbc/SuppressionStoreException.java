package io.jamesbounce.store.jdbc;

import java.sql.SQLException;

/** A database failure of the suppression store, with the SQL state kept for the operator. */
public final class SuppressionStoreException extends RuntimeException {
    public SuppressionStoreException(SQLException cause) {
        super("suppression store: " + cause.getMessage() + " (SQL state " + cause.getSQLState() + ")", cause);
    }
}
