package io.jamesbounce.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.jamesbounce.core.rates.DomainReport;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.dashboard.Dashboard;
import io.jamesbounce.store.dashboard.DashboardPage;
import io.jamesbounce.store.jdbc.JdbcDashboardData;
import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bounces report --html FILE}: the postmaster's dashboard of any store as one self-contained
 * page, for James servers without WebAdmin's (3.9) or to mail and archive. Reads only.
 */
@Command(name = "report", description = "The dashboard (domains' rates and states, suppressions, reports received) "
    + "as one self-contained HTML file. Reads only.")
final class ReportCommand implements Callable<Integer> {
    private final CommandEnv env;
    @Mixin
    private StoreConnection.Options store;
    @Option(names = "--html", paramLabel = "FILE", required = true, description = "the page to write (whole or not at all)")
    private Path html;

    ReportCommand(CommandEnv env) {
        this.env = env;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        long start = env.nanoTime().getAsLong();
        RateSettings settings = RateSettings.defaults();
        Instant now = env.clock().instant();
        Dashboard dashboard;
        try (StoreConnection connection = StoreConnection.open(store, StoreConnection.Access.READ, env.password(), env.err())) {
            DomainReport assessed = DomainReport.assessed(DomainRates.figures(new JdbcDomainStatsRepository(connection.dataSource()), settings, now),
                settings, now);
            dashboard = Dashboard.read(new JdbcDashboardData(connection.dataSource()), assessed, settings, now);
        }
        byte[] page = DashboardPage.html(dashboard, DashboardPage.Mode.FILE).getBytes(StandardCharsets.UTF_8);
        Path target = html.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Files.write(partial, page);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long inForce = dashboard.inForce().stream().mapToLong(c -> c.count()).sum();
        env.out().printf(Locale.ROOT, "wrote %s (%,d bytes): %,d domains, %,d suppressions in force, in %.1f s%n", html, page.length,
            dashboard.domains().size(), inForce, (env.nanoTime().getAsLong() - start) / 1e9);
        return 0;
    }
}
