package io.jamesbounce.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.exchange.SuppressionListFormat;
import io.jamesbounce.store.exchange.SuppressionWriter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Not a test: {@code scripts/measure-suppression-list [rows] [h2|postgres|both] [heap] [csv|jsonl]} generates a
 * list, imports it through {@code bounces suppressions import} into a fresh H2 file and into an
 * embedded PostgreSQL, exports it back through {@code bounces suppressions export}, checks the
 * export is the generated file byte for byte, and prints rows/s with the heap seen meanwhile. Run
 * it with a small {@code -Xmx} to show the heap stays bounded whatever the list size.
 */
public final class SuppressionListMeasurement {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private SuppressionListMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String which = args.length > 1 ? args[1] : "both";
        List<SuppressionListFormat> formats = args.length > 2 ? List.of(SuppressionListFormat.of(args[2]).orElseThrow()) : List.of(SuppressionListFormat.values());
        Path dir = Files.createTempDirectory("suppression-list-");
        for (SuppressionListFormat format : formats) {
            Path list = generate(dir.resolve("generated." + format.label()), format, rows);
            System.out.printf(Locale.ROOT, "%n%,d rows, %s, %,d MB, heap max %,d MB%n", rows, format.label(),
                Files.size(list) >> 20, Runtime.getRuntime().maxMemory() >> 20);
            if (!which.equals("postgres")) {
                Path h2 = dir.resolve("h2-" + format.label());
                measure("H2 file   ", list, List.of("--h2", h2.toString()), rows);
            }
            if (!which.equals("h2")) {
                try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                    String url = postgres.getJdbcUrl("postgres", "postgres");
                    measure("PostgreSQL", list, List.of("--jdbc", url, "--user", "postgres"), rows);
                }
            }
        }
    }

    private static void measure(String store, Path list, List<String> storeArgs, int rows) throws Exception {
        Path exported = list.resolveSibling("exported-" + store.trim() + "-" + list.getFileName());
        Phase importing = run(concat(List.of("suppressions", "import"), storeArgs, List.of(list.toString())));
        Phase exporting = run(concat(List.of("suppressions", "export"), storeArgs, List.of("--output", exported.toString())));
        boolean same = Files.mismatch(list, exported) == -1;
        System.out.printf(Locale.ROOT, "%s  import %,9.0f rows/s (%5.1f s, peak heap %4d MB, live after GC %3d MB)"
                + "  export %,9.0f rows/s (%5.1f s, peak heap %4d MB, live after GC %3d MB)  export == input: %s%n",
            store, rows / importing.seconds, importing.seconds, importing.peakUsed >> 20, importing.peakLive >> 20,
            rows / exporting.seconds, exporting.seconds, exporting.peakUsed >> 20, exporting.peakLive >> 20, same);
        Files.delete(exported);
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toList();
    }

    private record Phase(double seconds, long peakUsed, long peakLive) {
    }

    /** Runs the command as {@code bounces} would, sampling the heap every 20 ms. */
    private static Phase run(List<String> args) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] peakLive = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long live = heap.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0 : p.getCollectionUsage().getUsed()).sum();
                peakLive[0] = Math.max(peakLive[0], live);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int code = Main.execute(CommandEnv.system(out), args.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        if (code != 0) {
            throw new IllegalStateException(args + " exited with " + code);
        }
        long peakUsed = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Phase(seconds, peakUsed, peakLive[0]);
    }

    /** A list in address order (so that the store's export is the same file), every field set, diagnostics quoted. */
    static Path generate(Path file, SuppressionListFormat format, int rows) throws IOException {
        Category[] categories = {Category.USER_UNKNOWN, Category.BAD_DOMAIN, Category.COMPLAINT, Category.MAILBOX_FULL};
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            SuppressionWriter writer = format.writer(out);
            for (int i = 0; i < rows; i++) {
                Category category = categories[i % categories.length];
                String address = String.format(Locale.ROOT, "user%08d@domain%d.example", i, i % 97);
                Instant at = T0.plusSeconds(i);
                boolean soft = category == Category.MAILBOX_FULL;
                writer.write(new Suppression(AddressKey.of(address), category, category == Category.COMPLAINT ? EventSource.ARF : EventSource.DSN,
                    soft ? "soft-streak-exceeded" : "hard-at-once", at, soft ? Optional.of(at.plusSeconds(90L * 86_400)) : Optional.empty(),
                    Optional.of("<report-" + i + "@mx.example.net>"), Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.1.1")),
                    Optional.of("smtp; 550 5.1.1 <" + address + ">: Recipient address rejected: \"User unknown\", in virtual table"),
                    Optional.of("dns; mx" + i % 97 + ".example"), Optional.of("<news-" + i + "@sender.example>")));
            }
        }
        return file;
    }
}
