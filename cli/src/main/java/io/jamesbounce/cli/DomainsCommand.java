package io.jamesbounce.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.jamesbounce.core.rates.DomainFigures;
import io.jamesbounce.core.rates.DomainReport;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bounces domains}: the per-domain figures of the shared store, every window, with the
 * state the rules give them now. Reads only: it never migrates nor writes the database. The
 * states are assessed from the figures alone; a server's own states (cool-downs, releases) live in
 * that server.
 */
@Command(name = "domains", description = "Per-domain attempts, bounce rates and throttle state, as the rules assess them now (docs/domain-rates.md).")
final class DomainsCommand implements Callable<Integer> {
    private final CommandEnv env;
    @Mixin
    private StoreConnection.Options store;
    @Option(names = "--domain", paramLabel = "NAME", converter = Converters.Domain.class, description = "this domain only")
    private Optional<String> domain = Optional.empty();

    DomainsCommand(CommandEnv env) {
        this.env = env;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        RateSettings settings = RateSettings.defaults();
        Instant now = env.clock().instant();
        List<DomainFigures> figures;
        try (StoreConnection connection = StoreConnection.open(store, StoreConnection.Access.READ, env.password(), env.err())) {
            figures = DomainRates.figures(new JdbcDomainStatsRepository(connection.dataSource()), settings, now);
        }
        if (domain.isPresent()) {
            String only = domain.get();
            figures = figures.stream().filter(f -> f.domain().equals(only)).toList();
        }
        env.out().print(DomainReport.assessed(figures, settings, now).table());
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
