package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The same scenarios with the PostgreSQL store (PostgresStoreModule, bounces-postgres.properties) on a
 * real PostgreSQL server on loopback; the rows are also read with plain SQL, outside James.
 */
class PostgresStoreJamesIT extends JamesServerScenarios {
    private EmbeddedPostgres postgres;

    @Override
    JamesWorkspace.Builder backend(JamesWorkspace.Builder builder) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        return builder.postgres(new JamesWorkspace.Postgres(
            "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "postgres"));
    }

    @Override
    String backendName() {
        return "postgres";
    }

    @AfterAll
    void stopPostgres() throws Exception {
        shutdown(); // James first: it holds connections
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theSuppressionsAreRowsInPostgres() throws Exception {
        sendReports();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT category, source, enhanced_status FROM suppression WHERE address = ?")) {
            select.setString(1, "alice@example.org");
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("category")).isEqualTo("user-unknown");
                assertThat(row.getString("source")).isEqualTo("DSN");
                assertThat(row.getString("enhanced_status")).isEqualTo("5.1.1");
            }
        }
    }
}
