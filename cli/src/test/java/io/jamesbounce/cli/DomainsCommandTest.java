package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateIncrement;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;

class DomainsCommandTest {
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:30Z");

    @TempDir
    Path jamesData;

    private String run(String... args) throws Exception {
        CliRun run = CliRun.at(NOW, Stream.concat(Stream.of("domains"), Stream.of(args)).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void domainsShouldPrintTheFiguresOfTheEmbeddedStore() throws Exception {
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcDomainStatsRepository.create(pool).add(new RateBatch(List.of(
                new RateIncrement("example.com", Instant.parse("2025-03-01T08:00:00Z"), 1000, Map.of(Category.USER_UNKNOWN, 60L)),
                new RateIncrement("example.net", Instant.parse("2025-03-01T07:00:00Z"), 300, Map.of())), List.of()));
        } finally {
            pool.dispose();
        }

        String table = run("--h2", jamesData.toString());

        assertThat(table)
            .contains("example.com  THROTTLED  15min       1000      60       0       0   6.00%   0.00%   0.00%")
            .contains("example.net  NORMAL     15min          0       0       0       0       -       -       -")
            .contains("hard-rate=6.00%>=5.00%(60/1000,PT1H)");
        assertThat(run("--h2", jamesData.resolve("bounces/suppressions.mv.db").toString(), "--domain", "EXAMPLE.net"))
            .doesNotContain("example.com").contains("example.net");
    }

    @Test
    void aMissingDatabaseShouldBeAUsageErrorAndNotBeCreated() {
        assertThat(CliRun.of("domains", "--h2", jamesData.toString()).usageError()).startsWith("no H2 store at");
        assertThat(jamesData.resolve("bounces")).doesNotExist();
    }

    @Test
    void exactlyOneSourceShouldBeGiven() {
        assertThat(CliRun.of("domains").usageError()).startsWith("give either --h2 PATH");
        assertThat(CliRun.of("domains", "--h2", "a", "--jdbc", "jdbc:postgresql://db/james").usageError()).startsWith("give either --h2 PATH");
    }
}
