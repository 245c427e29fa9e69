package io.jamesbounce.james.extension;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.store.jdbc.EmbeddedH2;

/**
 * The H2 file database and its pool, built by James' injector so that James closes it when it stops
 * ({@code @PreDestroy}): the file is then released, its last changes written.
 */
@Singleton
public class EmbeddedStore implements JdbcBackend.Store {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedStore.class);
    private final Path file;
    private final JdbcConnectionPool pool;
    private final JdbcBackend jdbc;

    @Inject
    public EmbeddedStore(BounceSettings settings, FileSystem fileSystem) {
        Path dataFolder = settings.h2Directory().orElseGet(() -> varFolder(fileSystem));
        this.file = dataFolder.resolve(EmbeddedH2.RELATIVE_PATH);
        LOGGER.info("suppression store: H2 file database under {}", file);
        this.pool = EmbeddedH2.dataSource(dataFolder);
        this.jdbc = JdbcBackend.on(pool, settings);
    }

    @Override
    public JdbcBackend jdbc() {
        return jdbc;
    }

    @PreDestroy
    public void close() {
        jdbc.close();
        pool.dispose();
        LOGGER.info("suppression store closed: {}", file);
    }

    private static Path varFolder(FileSystem fileSystem) {
        try {
            return fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_VAR).toPath();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("James' var folder cannot be resolved", e);
        }
    }
}
