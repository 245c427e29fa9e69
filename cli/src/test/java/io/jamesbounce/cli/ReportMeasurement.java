package io.jamesbounce.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.h2.jdbcx.JdbcConnectionPool;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateIncrement;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;

/**
 * Not a test: {@code scripts/measure-report [suppressions] [domains] [heap]} fills an H2 store with
 * that many suppressions (made over the last 40 days), a week of hourly traffic to that many domains,
 * and a report event per hundred suppressions, then runs {@code bounces report --html} on it and
 * prints its time, the page's size and the heap seen meanwhile.
 */
public final class ReportMeasurement {
    private static final Category[] CATEGORIES = {Category.USER_UNKNOWN, Category.USER_UNKNOWN, Category.BAD_DOMAIN,
        Category.MAILBOX_DISABLED, Category.COMPLAINT, Category.MAILBOX_FULL};

    private ReportMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int suppressions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Path dir = Files.createTempDirectory("report-measure-");
        Path jamesData = dir.resolve("var");
        Instant now = Instant.now();
        long seedStart = System.nanoTime();
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            seed(pool, suppressions, domains, now);
        } finally {
            pool.dispose();
        }
        System.out.printf(Locale.ROOT, "seeded %,d suppressions, %,d events, %,d domains x %d hours in %.1f s; heap max %,d MB%n",
            suppressions, suppressions / 100, domains, 7 * 24, (System.nanoTime() - seedStart) / 1e9, Runtime.getRuntime().maxMemory() >> 20);

        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Path html = dir.resolve("report.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = Main.execute(CommandEnv.system(new PrintStream(out, true, StandardCharsets.UTF_8)),
            "report", "--h2", jamesData.toString(), "--html", html.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (code != 0) {
            throw new IllegalStateException("report exited with " + code);
        }
        System.out.print(out.toString(StandardCharsets.UTF_8));
        System.out.printf(Locale.ROOT, "REPORT suppressions=%d domains=%d seconds=%.2f page_kb=%d peak_heap_mb=%d heap_max_mb=%d file=%s%n",
            suppressions, domains, seconds, Files.size(html) >> 10, peak >> 20, Runtime.getRuntime().maxMemory() >> 20, html);
        openInChromium(html);
    }

    /** The page opened by Debian's headless Chromium, when the machine has it: the screenshot beside the page. */
    private static void openInChromium(Path html) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            System.out.println("chromium: not installed, the page was not opened");
            return;
        }
        Path png = html.resolveSibling("report.png");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--window-size=1400,2400", "--screenshot=" + png, html.toUri().toString()).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        int exit = p.waitFor();
        System.out.printf(Locale.ROOT, "chromium: exit %d, opened and drawn in %.1f s, screenshot %s (%,d bytes)%n", exit,
            (System.nanoTime() - start) / 1e9, png, Files.exists(png) ? Files.size(png) : 0);
    }

    private static void seed(JdbcConnectionPool pool, int suppressions, int domains, Instant now) {
        JdbcSuppressionRepository store = JdbcSuppressionRepository.create(pool);
        List<Suppression> batch = new ArrayList<>();
        long window = Duration.ofDays(40).toSeconds();
        for (int i = 0; i < suppressions; i++) {
            Category category = CATEGORIES[i % CATEGORIES.length];
            String address = String.format(Locale.ROOT, "user%08d@domain%d.example", i, i % domains);
            Instant at = now.minusSeconds((long) i * window / suppressions);
            batch.add(new Suppression(AddressKey.of(address), category, category == Category.COMPLAINT ? EventSource.ARF : EventSource.DSN,
                "hard-at-once", at, Optional.empty(), Optional.of("<report-" + i + "@mx.example.net>"), Optional.of(new ReplyCode(550)),
                Optional.of(EnhancedStatus.of("5.1.1")), Optional.of("smtp; 550 5.1.1 <" + address + ">: Recipient address rejected: User unknown"),
                Optional.of("dns; mx" + i % domains + ".example"), Optional.empty()));
            if (i % 100 == 0) {
                store.recordEvent(BounceEvent.bare("<report-" + i + "@mx.example.net>", AddressKey.of(address), at,
                    category == Category.COMPLAINT ? EventSource.ARF : EventSource.DSN, category, "status.user-unknown"));
            }
            if (batch.size() == 10_000) {
                store.importSuppressions(batch.iterator());
                batch.clear();
            }
        }
        store.importSuppressions(batch.iterator());
        JdbcDomainStatsRepository rates = JdbcDomainStatsRepository.create(pool);
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        for (int h = 0; h < 7 * 24; h++) {
            List<RateIncrement> increments = new ArrayList<>();
            for (int d = 0; d < domains; d++) {
                Map<Category, Long> bounces = new EnumMap<>(Category.class);
                bounces.put(Category.USER_UNKNOWN, (long) (d % 7));
                bounces.put(Category.MAILBOX_FULL, (long) (h % 5));
                increments.add(new RateIncrement(String.format(Locale.ROOT, "domain%04d.example", d), hour.minus(Duration.ofHours(h)),
                    100 + d % 50, bounces));
            }
            rates.add(new RateBatch(increments, List.of()));
        }
    }
}
