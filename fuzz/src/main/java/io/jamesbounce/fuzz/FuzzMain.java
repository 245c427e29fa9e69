package io.jamesbounce.fuzz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jamesbounce.core.BounceAnalyzer;

/**
 * {@code scripts/fuzz [--inputs N] [--seconds S] [--seed X] [--seeds DIR]...}: a single-threaded
 * campaign from the test fixtures, the shared corpus and the saved regressions. Exits 1 when it found
 * a crasher, so that it can gate a long CI job.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] args) {
        long inputs = 20_000;
        long seconds = 60;
        long seed = System.nanoTime();
        long slowMillis = 100;
        long hangMillis = 10_000;
        int maxBytes = 256 * 1024;
        Path root = Path.of(System.getProperty("fuzz.root", "."));
        List<Path> seedDirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--inputs" -> inputs = Long.parseLong(require(a, v));
                case "--seconds" -> seconds = Long.parseLong(require(a, v));
                case "--seed" -> seed = Long.parseLong(require(a, v));
                case "--slow-ms" -> slowMillis = Long.parseLong(require(a, v));
                case "--hang-ms" -> hangMillis = Long.parseLong(require(a, v));
                case "--max-bytes" -> maxBytes = Integer.parseInt(require(a, v));
                case "--seeds" -> seedDirs.add(Path.of(require(a, v)));
                default -> throw new IllegalArgumentException("unknown argument '" + a
                    + "': use --inputs N, --seconds S, --seed X, --slow-ms MS, --hang-ms MS, --max-bytes N, --seeds DIR");
            }
            i++;
        }
        Path regressions = root.resolve("core/src/test/resources/fuzz-regressions");
        if (seedDirs.isEmpty()) {
            seedDirs = List.of(root.resolve("core/src/test/resources/fixtures"), root.resolve("../shared/corpus"), regressions);
        }
        List<Seed> seeds = Seed.load(seedDirs);
        System.out.printf("fuzz: %d seed messages, random seed %d, up to %d inputs or %d s, budget %d ms per input%n",
            seeds.size(), seed, inputs, seconds, slowMillis);
        FuzzCampaign.Settings settings = new FuzzCampaign.Settings(inputs, seconds, seed, slowMillis, hangMillis,
            maxBytes, 3, regressions, root.resolve("fuzz/target/fuzz"));
        FuzzCampaign.Summary summary = new FuzzCampaign(settings, seeds, BounceAnalyzer.withDefaults(), System.out).run();
        summary.print(System.out);
        System.exit(summary.crashers() > 0 ? 1 : 0);
    }

    private static String require(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
