package io.jamesbounce.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.SuppressionAuditTrail;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;
import picocli.CommandLine.Option;

/**
 * The store a command works on, over one connection held for the whole command: the embedded H2
 * file of a James server ({@code --h2}) or PostgreSQL ({@code --jdbc URL [--user NAME]}, the
 * password from {@value CommandEnv#PASSWORD_VARIABLE}, never from the command line).
 *
 * <p>H2 lets one process open the file at a time: with the embedded store, stop James first.
 */
final class StoreConnection implements AutoCloseable {
    /** H2's "database already open" error. */
    private static final int H2_IN_USE = 90020;

    /** What a command may do to the store. */
    enum Access {
        /** The store must exist; the schema is not touched. */
        READ,
        /** A missing H2 file is created, the schema migrated to the latest version. */
        WRITE
    }

    /** The options that name a store, shared by every command that opens one. */
    /**
     * The store a command works on, the same two options everywhere: {@code --h2 PATH} or
     * {@code --jdbc URL [--user NAME]}.
     */
    static final class Options {
        @Option(names = "--h2", paramLabel = "PATH", description = "the embedded store: James' data folder (e.g. /opt/james/var) or its .mv.db file")
        private Optional<String> h2 = Optional.empty();
        @Option(names = "--jdbc", paramLabel = "URL", description = "PostgreSQL, e.g. jdbc:postgresql://db/james; the password is read from "
            + CommandEnv.PASSWORD_VARIABLE)
        private Optional<String> jdbc = Optional.empty();
        @Option(names = "--user", paramLabel = "NAME", defaultValue = "james", description = "the PostgreSQL user (default: ${DEFAULT-VALUE})")
        private String user = "james";

        /** Whether a store option was given. */
        boolean given() {
            return h2.isPresent() || jdbc.isPresent();
        }

        void check() throws UsageException {
            if (h2.isPresent() == jdbc.isPresent()) {
                throw new UsageException("give either --h2 PATH (the James data folder or the .mv.db file) or --jdbc URL");
            }
        }
    }

    private final Connection connection;
    private final DataSource dataSource;
    private final JdbcSuppressionRepository repository;

    private StoreConnection(Connection connection, DataSource dataSource, JdbcSuppressionRepository repository) {
        this.connection = connection;
        this.dataSource = dataSource;
        this.repository = repository;
    }

    /** The one connection as a data source, for the store's other repositories (per-domain rates). */
    DataSource dataSource() {
        return dataSource;
    }

    static StoreConnection open(Options options, Access access, Optional<String> password, PrintStream err)
        throws UsageException, IOException {
        options.check();
        String url = options.h2.orElse(options.jdbc.orElse(""));
        Connection connection;
        try {
            if (options.h2.isPresent()) {
                // IFEXISTS when reading: never create an empty database by mistake
                Path file = access == Access.READ ? DomainsCommand.h2File(options.h2.get()) : h2FileCreating(options.h2.get(), err);
                url = EmbeddedH2.url(file) + (access == Access.READ ? ";IFEXISTS=TRUE" : "");
                connection = access == Access.READ ? EmbeddedH2.connectReadOnly(url, file.getParent())
                    : EmbeddedH2.connect(url, file.getParent());
            } else {
                url = options.jdbc.get();
                connection = DriverManager.getConnection(url, options.user, password.orElse(""));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_IN_USE) {
                throw new IOException("the H2 store " + options.h2.get() + " is open in another process (a running James?): "
                    + "stop it first, or change the list through WebAdmin");
            }
            throw new IOException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
        DataSource dataSource = new OneConnection(connection);
        try {
            JdbcSuppressionRepository repository = access == Access.WRITE ? JdbcSuppressionRepository.create(dataSource)
                : new JdbcSuppressionRepository(dataSource);
            return new StoreConnection(connection, dataSource, repository);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw new IOException("cannot migrate the store's schema: " + e.getMessage(), e);
        }
    }

    /**
     * An H2 store, created if missing (a note on stderr says so: a mistyped path must not go unnoticed).
     * A path ending in {@code .mv.db} is the file; any other is James' data folder.
     */
    private static Path h2FileCreating(String path, PrintStream err) throws UsageException {
        Path p = Path.of(path).toAbsolutePath();
        if (p.toString().endsWith(".mv.db")) {
            p = Path.of(p.toString().substring(0, p.toString().length() - ".mv.db".length()));
        } else {
            // a James data folder, existing or not: the file the extension itself opens
            p = p.resolve(EmbeddedH2.RELATIVE_PATH);
        }
        if (!Files.exists(Path.of(p + ".mv.db"))) {
            try {
                Files.createDirectories(p.getParent());
            } catch (IOException e) {
                throw new UsageException("cannot create the folder " + p.getParent() + ": " + e.getMessage());
            }
            err.println("note: creating a new H2 store at " + p + ".mv.db");
        }
        return p;
    }

    // four views of the one JdbcSuppressionRepository: a command asks for the ones it uses

    SuppressionList suppressionList() {
        return repository;
    }

    BounceEventHistory eventHistory() {
        return repository;
    }

    SuppressionAuditTrail auditTrail() {
        return repository;
    }

    Allowlist allowlist() {
        return repository;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing after the work is done: nothing left to lose
        }
    }

    /**
     * A data source handing out the one connection; the repository's {@code close()} leaves it open.
     * One command, one thread: no call nests inside another's transaction.
     */
    private static final class OneConnection implements DataSource {
        private final Connection proxy;

        OneConnection(Connection connection) {
            this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (self, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        }

        @Override
        public Connection getConnection() {
            return proxy;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return proxy;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
