package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.Suppression;

class SchemaMigratorTest {
    @Nested
    class Scripts {
        @Test
        void statementsShouldDropCommentsAndSplitAtLineEndSemicolons() {
            assertThat(SchemaMigrator.statements("-- a comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\n  ON a (x)");
        }

        @Test
        void everyListedMigrationShouldBeOnTheClasspathInOrder() {
            int expected = 1;
            for (SchemaMigrator.Migration migration : SchemaMigrator.MIGRATIONS) {
                assertThat(migration.version()).isEqualTo(expected++);
                assertThat(getClass().getClassLoader().getResource(migration.resource())).as(migration.resource()).isNotNull();
            }
        }
    }

    @Nested
    class OnH2 {
        @TempDir
        Path jamesData;

        @Test
        void theEmbeddedDatabaseShouldBeCreatedOnFirstUseUnderTheDataFolder() {
            JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
            try {
                EmbeddedH2.repository(pool);
            } finally {
                pool.dispose();
            }

            assertThat(Files.exists(jamesData.resolve("bounces/suppressions.mv.db"))).isTrue();
        }

        @Test
        void entriesShouldSurviveAReopen() {
            AddressKey alice = AddressKey.of("alice@example.org");
            JdbcConnectionPool first = EmbeddedH2.dataSource(jamesData);
            EmbeddedH2.repository(first).suppress(Suppression.of(alice, Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once",
                Instant.parse("2025-03-01T08:00:00Z"), java.util.Optional.empty()));
            first.dispose();

            JdbcConnectionPool second = EmbeddedH2.dataSource(jamesData);
            try {
                assertThat(EmbeddedH2.repository(second).find(alice)).isPresent();
            } finally {
                second.dispose();
            }
        }

        @Test
        void migratingTwiceShouldRunEachScriptOnce() throws SQLException {
            JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
            try {
                assertThat(SchemaMigrator.migrate(pool)).isEqualTo(SchemaMigrator.MIGRATIONS.getLast().version());
                assertThat(SchemaMigrator.migrate(pool)).isEqualTo(SchemaMigrator.MIGRATIONS.getLast().version());
                assertThat(versions(pool.getConnection())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            } finally {
                pool.dispose();
            }
        }
    }

    @Nested
    class OnPostgres {
        @Test
        void serversStartingTogetherShouldMigrateOnce() throws Exception {
            ExecutorService executor = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(executor.submit(() -> SchemaMigrator.migrate(postgres.pool())));
                }
                for (Future<Integer> result : results) {
                    assertThat(result.get()).isEqualTo(SchemaMigrator.MIGRATIONS.getLast().version());
                }
            } finally {
                executor.shutdownNow();
            }
            assertThat(versions(postgres.pool().getConnection())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        }
    }

    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = new EmbeddedPostgresServer(6);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    private static List<Integer> versions(Connection connection) throws SQLException {
        try (connection; Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            List<Integer> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
            return out;
        }
    }
}
