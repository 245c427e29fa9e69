package io.jamesbounce.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The default store of a single James server: an H2 file database under James' data folder,
 * created on first use, nothing to install or configure.
 */
public final class EmbeddedH2 {
    /** Where the database lives, relative to James' data folder ({@code var/} in a distribution). */
    public static final String RELATIVE_PATH = "bounces/suppressions";
    private static final int MAX_CONNECTIONS = 16;

    private EmbeddedH2() {
    }

    /** A pooled data source on {@code <dataFolder>/bounces/suppressions.mv.db}, its folder created if missing. */
    public static JdbcConnectionPool dataSource(Path jamesDataFolder) {
        Path file = jamesDataFolder.resolve(RELATIVE_PATH).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the suppression store folder " + file.getParent(), e);
        }
        // MODE=PostgreSQL: the schema scripts and statements are written once for both databases.
        // The pool keeps idle connections, so the file stays open between calls; dispose() closes it.
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "james", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        return pool;
    }

    /** The repository on the embedded database, schema migrated. Close the pool ({@link JdbcConnectionPool#dispose()}) on shutdown. */
    public static JdbcSuppressionRepository repository(DataSource pool) {
        return JdbcSuppressionRepository.create(pool);
    }
}
