package io.jamesbounce.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.jamesbounce.cli.Main.UsageException;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.DomainFigures;
import io.jamesbounce.core.rates.DomainReport;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;

/**
 * {@code bounces domains}: the per-domain figures of the shared store, every window, with the
 * state the rules give them now. Reads only: it never migrates nor writes the database. The
 * states are assessed from the figures alone; a server's own states (cool-downs, releases) live in
 * that server.
 */
final class DomainsCommand {
    /** Environment variable holding the PostgreSQL password, kept off the command line. */
    static final String PASSWORD_VARIABLE = "BOUNCES_DB_PASSWORD";

    private DomainsCommand() {
    }

    static int run(List<String> args, PrintStream out) throws UsageException {
        return run(args, out, Clock.systemUTC(), Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)));
    }

    static int run(List<String> args, PrintStream out, Clock clock, Optional<String> password) throws UsageException {
        Optional<String> h2 = Optional.empty();
        Optional<String> jdbc = Optional.empty();
        String user = "james";
        Optional<String> domain = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--h2" -> h2 = Optional.of(value(args, ++i, a));
                case "--jdbc" -> jdbc = Optional.of(value(args, ++i, a));
                case "--user" -> user = value(args, ++i, a);
                case "--domain" -> domain = Optional.of(AddressKey.normaliseDomain(value(args, ++i, a)));
                default -> throw new UsageException("unknown option " + a);
            }
        }
        if (h2.isPresent() == jdbc.isPresent()) {
            throw new UsageException("give either --h2 PATH (the James data folder or the .mv.db file) or --jdbc URL");
        }
        DataSource dataSource = h2.isPresent() ? new DriverDataSource(h2Url(h2.get()), "james", "")
            : new DriverDataSource(jdbc.get(), user, password.orElse(""));
        RateSettings settings = RateSettings.defaults();
        Instant now = clock.instant();
        List<DomainFigures> figures = DomainRates.figures(new JdbcDomainStatsRepository(dataSource), settings, now);
        if (domain.isPresent()) {
            String only = domain.get();
            figures = figures.stream().filter(f -> f.domain().equals(only)).toList();
        }
        out.print(DomainReport.assessed(figures, settings, now).table());
        return 0;
    }

    /** The URL of an existing H2 store: a James data folder, or the database file with or without {@code .mv.db}. */
    static String h2Url(String path) throws UsageException {
        Path p = Path.of(path).toAbsolutePath();
        if (Files.isDirectory(p)) {
            p = p.resolve(EmbeddedH2.RELATIVE_PATH);
        } else if (p.toString().endsWith(".mv.db")) {
            p = Path.of(p.toString().substring(0, p.toString().length() - ".mv.db".length()));
        }
        if (!Files.exists(Path.of(p + ".mv.db"))) {
            throw new UsageException("no H2 store at " + p + ".mv.db");
        }
        // IFEXISTS: never create an empty database by mistake.
        return "jdbc:h2:file:" + p + ";MODE=PostgreSQL;IFEXISTS=TRUE";
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** A data source that opens a connection per call: enough for four queries. */
    private record DriverDataSource(String url, String user, String password) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String username, String pass) throws SQLException {
            return DriverManager.getConnection(url, username, pass);
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
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
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
