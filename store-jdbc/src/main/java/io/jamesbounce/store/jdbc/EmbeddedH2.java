package io.jamesbounce.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.Driver;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The default store of a single James server: an H2 file database under James' data folder,
 * created on first use, nothing to install or configure.
 *
 * <p>It holds addresses and what their servers said: its folder is {@code 0700}, its files
 * {@code 0600}, it writes no trace file (H2's {@code trace.db} keeps SQL values), and it has a
 * password James generates at first start, kept beside the database in {@value #PASSWORD_FILE}
 * ({@code 0600}), next to the VERP signing keys. A store made before the password existed is given it
 * at its next start. The command-line tool reads the same file.
 */
public final class EmbeddedH2 {
    /** Where the database lives, relative to James' data folder ({@code var/} in a distribution). */
    public static final String RELATIVE_PATH = "bounces/suppressions";
    /** The generated password, in the database's folder. */
    public static final String PASSWORD_FILE = "store-password";
    public static final String USER = "james";
    private static final int MAX_CONNECTIONS = 16;
    private static final String WRONG_PASSWORD = "28000";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private EmbeddedH2() {
    }

    /** A pooled data source on {@code <dataFolder>/bounces/suppressions.mv.db}, its folder created if missing. */
    public static JdbcConnectionPool dataSource(Path jamesDataFolder) {
        Path file = jamesDataFolder.resolve(RELATIVE_PATH).toAbsolutePath();
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
            ownerOnly(folder, OWNER_ONLY_FOLDER);
            String url = url(file);
            String password = password(folder);
            // the first connection creates the database, or gives an older one its password
            connect(url, folder).close();
            // The pool keeps idle connections, so the file stays open between calls; dispose() closes it.
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, password);
            pool.setMaxConnections(MAX_CONNECTIONS);
            ownerOnlyFiles(folder, file.getFileName().toString());
            return pool;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the suppression store folder " + folder, e);
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    /**
     * The URL of the database at {@code file} (without {@code .mv.db}). MODE=PostgreSQL: the schema
     * scripts and statements are written once for both databases.
     */
    public static String url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;TRACE_LEVEL_FILE=0";
    }

    /**
     * A connection to the database {@code url} whose password file is in {@code folder}. A database
     * made before passwords (empty password) is given the generated one on the way.
     */
    public static Connection connect(String url, Path folder) throws SQLException, IOException {
        Connection connection = connectWithPassword(url, folder);
        String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        ownerOnlyFiles(folder, Path.of(file).getFileName().toString()); // the tool may have created the database just now
        return connection;
    }

    private static Connection connectWithPassword(String url, Path folder) throws SQLException, IOException {
        String password = password(folder);
        try {
            return open(url, password);
        } catch (SQLException e) {
            if (!WRONG_PASSWORD.equals(e.getSQLState())) {
                throw e;
            }
            Connection older = open(url, "");
            try (PreparedStatement alter = older.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
                alter.setString(1, password);
                alter.execute();
            } catch (SQLException | RuntimeException failure) {
                older.close();
                throw failure;
            }
            return older;
        }
    }

    /**
     * H2's own driver, not DriverManager: in James the driver is in the extension's class loader,
     * which DriverManager does not search.
     */
    private static Connection open(String url, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", password);
        return Driver.load().connect(url, credentials);
    }

    /**
     * A connection that changes nothing: the password file as it is, or none (a store from before
     * passwords); never a new password, never {@code ALTER USER}. For the tools that only read.
     */
    public static Connection connectReadOnly(String url, Path folder) throws SQLException, IOException {
        Path file = folder.resolve(PASSWORD_FILE);
        return open(url, Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII).strip() : "");
    }

    /**
     * The generated password, created (owner-only, and owned like the database when one exists, so a
     * tool run as root does not lock James out) the first time; two processes creating it at once end
     * with the one written first.
     */
    static String password(Path folder) throws IOException {
        Path file = folder.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Path temporary = posix(folder)
                ? Files.createTempFile(folder, PASSWORD_FILE, ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(folder, PASSWORD_FILE, ".new");
            try {
                Files.writeString(temporary, generated + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
                ownedLikeTheDatabase(folder, temporary);
                try {
                    Files.createLink(file, temporary); // fails if another process linked its own first
                } catch (FileAlreadyExistsException e) {
                    // the other one stays
                } catch (UnsupportedOperationException e) {
                    Files.move(temporary, file);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    private static void ownedLikeTheDatabase(Path folder, Path file) {
        try (Stream<Path> files = Files.list(folder)) {
            Optional<Path> database = files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).findFirst();
            if (database.isPresent() && !Files.getOwner(database.get()).equals(Files.getOwner(file))) {
                Files.setOwner(file, Files.getOwner(database.get()));
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not the database's owner and not allowed to give the file away: it stays ours
        }
    }

    /** The repository on the embedded database, schema migrated. Close the pool ({@link JdbcConnectionPool#dispose()}) on shutdown. */
    public static JdbcSuppressionRepository repository(DataSource pool) {
        return JdbcSuppressionRepository.create(pool);
    }

    /**
     * The database's own files and the password, whatever H2 created them with (the umask's 0644, often);
     * nothing else of the folder, which the command-line tool may have been pointed at.
     */
    private static void ownerOnlyFiles(Path folder, String database) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.equals(PASSWORD_FILE) || name.startsWith(database + ".")) {
                    ownerOnly(f, OWNER_ONLY_FILE);
                }
            }
        }
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
