package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's files are the server's own: owner-only, with a generated password, no trace of SQL values. */
class EmbeddedH2Test {
    @TempDir
    Path jamesData;

    private Path folder() {
        return jamesData.resolve("bounces");
    }

    private List<String> permissions() throws Exception {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(f -> f.getFileName() + " " + perms(f)).sorted().toList();
        }
    }

    private static String perms(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFirstStartLeavesAnOwnerOnlyFolderAndFilesAndAGeneratedPassword() throws Exception {
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        EmbeddedH2.repository(pool);
        pool.dispose();

        assertThat(perms(folder())).isEqualTo("rwx------");
        assertThat(permissions()).containsExactly("store-password rw-------", "suppressions.mv.db rw-------");
        assertThat(Files.readString(folder().resolve(EmbeddedH2.PASSWORD_FILE)).strip()).hasSize(43);
        assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedH2.url(folder().resolve("suppressions")), "james", "").close())
            .as("the empty password of earlier versions no longer opens it").isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    }

    @Test
    void aStoreMadeWithoutAPasswordIsGivenOneAtItsNextStartWithItsData() throws Exception {
        Files.createDirectories(folder());
        String url = EmbeddedH2.url(folder().resolve("suppressions"));
        try (Connection older = DriverManager.getConnection(url, "james", "")) {
            older.createStatement().execute("CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42)");
        }

        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try (Connection c = pool.getConnection(); var rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        } finally {
            pool.dispose();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "james", "").close()).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("28000"));
        String password = Files.readString(folder().resolve(EmbeddedH2.PASSWORD_FILE)).strip();
        DriverManager.getConnection(url, "james", password).close();
    }

    @Test
    void aToolThatOnlyReadsNeverGivesAnOlderStoreAPassword() throws Exception {
        Files.createDirectories(folder());
        String url = EmbeddedH2.url(folder().resolve("suppressions"));
        DriverManager.getConnection(url, "james", "").close();

        EmbeddedH2.connectReadOnly(url, folder()).close();

        assertThat(folder().resolve(EmbeddedH2.PASSWORD_FILE)).doesNotExist();
        DriverManager.getConnection(url, "james", "").close();
    }

    @Test
    void aSecondStartReadsTheSamePassword() throws Exception {
        EmbeddedH2.dataSource(jamesData).dispose();
        String first = Files.readString(folder().resolve(EmbeddedH2.PASSWORD_FILE));

        EmbeddedH2.dataSource(jamesData).dispose();

        assertThat(Files.readString(folder().resolve(EmbeddedH2.PASSWORD_FILE))).isEqualTo(first);
    }
}
