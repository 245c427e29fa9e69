package io.jamesbounce.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** How the JDBC stores run their statements: on a connection of the pool, any SQLException turned into the store's exception. */
final class Connections {
    private Connections() {
    }

    /** Statements on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static <T> T withConnection(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    /** The work in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }
}
