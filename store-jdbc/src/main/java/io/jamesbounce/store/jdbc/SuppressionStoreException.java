package io.jamesbounce.store.jdbc;

import java.sql.SQLException;

import io.jamesbounce.store.StoreDataException;

/** A database failure of the suppression store, with the SQL state kept for the operator. */
public final class SuppressionStoreException extends RuntimeException {
    public SuppressionStoreException(SQLException cause) {
        super(describe(cause), cause);
    }

    /**
     * The exception for a failed statement: a data exception (SQL state class 22: a value too long,
     * out of range, invalid for its type) is the value's fault and fails again on retry; anything
     * else may be an outage.
     */
    public static RuntimeException of(SQLException cause) {
        String state = cause.getSQLState();
        if (state != null && state.startsWith("22")) {
            return new StoreDataException(describe(cause), cause);
        }
        return new SuppressionStoreException(cause);
    }

    private static String describe(SQLException cause) {
        return "suppression store: " + cause.getMessage() + " (SQL state " + cause.getSQLState() + ")";
    }
}
