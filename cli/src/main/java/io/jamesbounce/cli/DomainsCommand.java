package io.jamesbounce.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;


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
        StoreConnection.Options store = new StoreConnection.Options();
        Optional<String> domain = Optional.empty();
        Args a = new Args(args);
        while (a.hasNext()) {
            String option = a.next();
            if (option.equals("--domain")) {
                domain = Optional.of(AddressKey.normaliseDomain(a.value(option)));
            } else if (!store.accept(option, a)) {
                throw new UsageException("unknown option " + option);
            }
        }
        RateSettings settings = RateSettings.defaults();
        Instant now = clock.instant();
        List<DomainFigures> figures;
        try (StoreConnection connection = StoreConnection.open(store, StoreConnection.Access.READ, password, System.err)) {
            figures = DomainRates.figures(new JdbcDomainStatsRepository(connection.dataSource()), settings, now);
        } catch (java.io.IOException e) {
            throw new UsageException(e.getMessage());
        }
        if (domain.isPresent()) {
            String only = domain.get();
            figures = figures.stream().filter(f -> f.domain().equals(only)).toList();
        }
        out.print(DomainReport.assessed(figures, settings, now).table());
        return 0;
    }

    /** An existing H2 store: a James data folder, or the database file with or without {@code .mv.db}; the file without it. */
    static Path h2File(String path) throws UsageException {
        Path p = Path.of(path).toAbsolutePath();
        if (Files.isDirectory(p)) {
            p = p.resolve(EmbeddedH2.RELATIVE_PATH);
        } else if (p.toString().endsWith(".mv.db")) {
            p = Path.of(p.toString().substring(0, p.toString().length() - ".mv.db".length()));
        }
        if (!Files.exists(Path.of(p + ".mv.db"))) {
            throw new UsageException("no H2 store at " + p + ".mv.db");
        }
        return p;
    }
}
