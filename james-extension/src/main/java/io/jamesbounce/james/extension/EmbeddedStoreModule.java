package io.jamesbounce.james.extension;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import io.jamesbounce.store.SuppressionRepository;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;

/**
 * The store of a single James server: an H2 file database, {@code var/bounces/suppressions.mv.db}
 * under James' working directory (or under {@code h2.directory}), created and migrated on first
 * use. {@code extensions.properties}: {@code guice.extension.module=io.jamesbounce.james.extension.EmbeddedStoreModule}
 */
public class EmbeddedStoreModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedStoreModule.class);

    @Override
    protected void configure() {
        install(new BounceServicesModule());
    }

    @Provides
    @Singleton
    SuppressionRepository repository(BounceSettings settings, FileSystem fileSystem) {
        Path dataFolder = settings.h2Directory().orElseGet(() -> varFolder(fileSystem));
        LOGGER.info("suppression store: H2 file database under {}", dataFolder.resolve(EmbeddedH2.RELATIVE_PATH));
        return JdbcSuppressionRepository.create(EmbeddedH2.dataSource(dataFolder));
    }

    private static Path varFolder(FileSystem fileSystem) {
        try {
            return fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_VAR).toPath();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("James' var folder cannot be resolved", e);
        }
    }
}
