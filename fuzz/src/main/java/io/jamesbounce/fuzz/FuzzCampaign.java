package io.jamesbounce.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;

/**
 * Feeds mutated messages to {@link BounceAnalyzer#analyze(byte[])}, one thread, and keeps what went
 * wrong: a throwable that escaped (the analyzer must never throw), a decoder failure the analyzer
 * had to contain, an input slower than the budget, an input that hangs. Each new fault is minimised
 * and saved to the regression folder that {@code FuzzRegressionsTest} replays.
 */
public final class FuzzCampaign {

    /**
     * @param inputs       stop after this many inputs
     * @param seconds      or after this many seconds, whichever comes first
     * @param randomSeed   the campaign is reproducible from it
     * @param slowMillis   an input slower than this (twice: once more on a re-run, to rule out a GC pause) is reported
     * @param hangMillis   an input still running after this is saved, and its worker abandoned
     * @param maxHangs     the campaign stops when this many abandoned workers still run at once
     * @param regressions  where minimised faulty inputs go (committed, replayed by the unit tests)
     * @param workDir      where full inputs, traces and slow inputs go (not committed)
     */
    public record Settings(long inputs, long seconds, long randomSeed, long slowMillis, long hangMillis,
                           int maxInputBytes, int maxHangs, Path regressions, Path workDir) {
        public Settings {
            Objects.requireNonNull(regressions, "regressions");
            Objects.requireNonNull(workDir, "workDir");
            if (inputs <= 0 || seconds <= 0 || slowMillis <= 0 || hangMillis <= 0 || maxInputBytes <= 0 || maxHangs <= 0) {
                throw new IllegalArgumentException("inputs, seconds and limits must be positive");
            }
        }
    }

    /** What a campaign did, as the figures it prints. */
    public record Summary(long inputs, double seconds, double maxMillis, String slowestInput, double maxStableMillis,
                          String slowestStableInput, long overBudget, long overBudgetOnRerun, long heapHighWaterBytes, long heapPoolPeaksBytes, long maxHeapBytes, List<Finding> findings) {
        public Summary {
            findings = List.copyOf(findings);
        }

        public long crashers() {
            return findings.stream().filter(f -> f.kind() == Finding.Kind.CRASH).count();
        }

        public long hangs() {
            return findings.stream().filter(f -> f.kind() == Finding.Kind.HANG).count();
        }

        public long contained() {
            return findings.stream().filter(f -> f.kind() == Finding.Kind.CONTAINED).count();
        }

        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "fuzz: %d inputs in %.1f s: %.0f inputs/s%n", inputs, seconds, inputs / Math.max(seconds, 1e-9));
            out.printf(Locale.ROOT, "fuzz: max %.1f ms per input (%s)%n", maxMillis, slowestInput);
            out.printf(Locale.ROOT, "fuzz: max %.1f ms per input with each input over budget timed again and its faster run kept (%s)%n",
                maxStableMillis, slowestStableInput);
            out.printf(Locale.ROOT, "fuzz: %d inputs over the time budget, %d of them still over it on a re-run%n",
                overBudget, overBudgetOnRerun);
            out.printf(Locale.ROOT, "fuzz: heap high-water %.1f MiB used after an input (%.1f MiB summing each pool's peak) of %.1f MiB max%n",
                heapHighWaterBytes / 1048576.0, heapPoolPeaksBytes / 1048576.0, maxHeapBytes / 1048576.0);
            out.printf(Locale.ROOT, "fuzz: crashers found: %d (throwable escaped analyze), hangs: %d, contained decoder failures: %d%n",
                crashers(), hangs(), contained());
            for (Finding f : findings) {
                out.printf(Locale.ROOT, "fuzz:   %s %s (%d bytes minimised; from %s)%n", f.kind(), f.signature(), f.input().length, f.origin());
            }
        }
    }

    private final Settings settings;
    private final List<Seed> seeds;
    private final BounceAnalyzer analyzer;
    private final PrintStream log;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private ExecutorService worker;
    private volatile Thread workerThread;
    private int abandoned;
    private final List<Thread> abandonedThreads = new ArrayList<>();
    private boolean stopped;
    private volatile String inFlightOrigin = "";

    public FuzzCampaign(Settings settings, List<Seed> seeds, BounceAnalyzer analyzer, PrintStream log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed messages");
        }
        this.seeds = List.copyOf(seeds);
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.log = Objects.requireNonNull(log, "log");
    }

    public Summary run() {
        newWorker();
        try {
            return loop();
        } finally {
            worker.shutdownNow();
        }
    }

    private Summary loop() {
        SplittableRandom splittable = new SplittableRandom(settings.randomSeed());
        long start = System.nanoTime();
        long deadline = start + settings.seconds() * 1_000_000_000L;
        long nextProgress = start + 60_000_000_000L;
        Runtime rt = Runtime.getRuntime();
        long heapHigh = 0;
        long maxNanos = 0;
        String slowest = "none";
        // a GC pause or the JIT can make one run slow; an input slow on both of two runs is slow itself
        long maxStableNanos = 0;
        String slowestStable = "none";
        long overBudget = 0;
        long overBudgetOnRerun = 0;
        long n = 0;
        Random random = new Random(splittable.nextLong());
        while (n < settings.inputs() && !stopped) {
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            if (now >= nextProgress) {
                log.printf(Locale.ROOT, "fuzz: ... %d inputs, %.0f inputs/s, max %.1f ms, %d findings%n", n,
                    n / ((now - start) / 1e9), maxNanos / 1e6, findings.size());
                nextProgress = now + 60_000_000_000L;
            }
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            Seed other = seeds.get(random.nextInt(seeds.size()));
            StringBuilder applied = new StringBuilder();
            byte[] input = Mutation.mutate(seed.bytes(), other.bytes(), random, settings.maxInputBytes(), applied);
            String origin = "#" + n + " " + seed.name() + " + " + applied;
            long nanos = timed(input, origin);
            n++;
            long used = rt.totalMemory() - rt.freeMemory();
            heapHigh = Math.max(heapHigh, used);
            if (nanos > settings.slowMillis() * 1_000_000L) {
                overBudget++;
            }
            long stable = nanos;
            if (nanos > settings.slowMillis() * 1_000_000L && nanos < settings.hangMillis() * 1_000_000L) {
                long again = timed(input, origin + " (re-run)");
                stable = Math.min(nanos, again);
                if (again > settings.slowMillis() * 1_000_000L) {
                    overBudgetOnRerun++;
                    if (overBudgetOnRerun <= 200) {
                        save(settings.workDir().resolve("slow"), "slow-" + shortHash(input) + ".eml", input);
                    }
                    if (overBudgetOnRerun <= 20) {
                        log.printf(Locale.ROOT, "fuzz: slow input %.1f ms then %.1f ms on a re-run, %d bytes: %s%n",
                        nanos / 1e6, again / 1e6, input.length, origin);
                    }
                }
            }
            if (nanos > maxNanos) {
                maxNanos = nanos;
                slowest = origin + ", " + input.length + " bytes";
            }
            if (stable > maxStableNanos) {
                maxStableNanos = stable;
                slowestStable = origin + ", " + input.length + " bytes";
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Summary(n, seconds, maxNanos / 1e6, slowest, maxStableNanos / 1e6, slowestStable, overBudget, overBudgetOnRerun,
            heapHigh, poolPeaks(), rt.maxMemory(), List.copyOf(findings.values()));
    }

    /** Runs one input on the worker, records a fault if any, and returns how long analyze took. */
    private long timed(byte[] input, String origin) {
        inFlightOrigin = origin;
        Future<Object[]> future = worker.submit(() -> {
            long t0 = System.nanoTime();
            Optional<Fault> fault = faultOf(input);
            return new Object[] {System.nanoTime() - t0, fault};
        });
        try {
            Object[] result = future.get(settings.hangMillis(), TimeUnit.MILLISECONDS);
            long nanos = (Long) result[0];
            @SuppressWarnings("unchecked")
            Optional<Fault> fault = (Optional<Fault>) result[1];
            fault.ifPresent(f -> record(f, input, origin, nanos));
            return nanos;
        } catch (TimeoutException e) {
            hang(input, origin);
            return settings.hangMillis() * 1_000_000L;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the campaign itself failed", e.getCause());
        }
    }

    /**
     * An input still running after the hang limit: saved with the worker's stack, and the worker
     * abandoned to finish on its own (a thread cannot be stopped); a new one takes over.
     */
    private void hang(byte[] input, String origin) {
        StringBuilder trace = new StringBuilder();
        for (StackTraceElement e : workerThread.getStackTrace()) {
            trace.append("    at ").append(e).append('\n');
        }
        String signature = "hang in " + trace.toString().lines().filter(l -> l.contains("io.jamesbounce.core")).findFirst()
            .map(String::strip).orElse("?");
        String name = "hang-" + shortHash(input);
        save(settings.workDir().resolve("hangs"), name + ".eml", input);
        save(settings.workDir().resolve("hangs"), name + ".txt", (origin + "\n\n" + trace).getBytes(StandardCharsets.UTF_8));
        log.printf(Locale.ROOT, "fuzz: HANG over %d ms, %d bytes, saved as %s.eml: %s%n%s", settings.hangMillis(),
            input.length, name, origin, trace.toString().lines().limit(14).reduce("", (a, b) -> a + b + "\n"));
        findings.putIfAbsent(signature, new Finding(Finding.Kind.HANG, signature, origin, input, trace.toString(), settings.hangMillis()));
        worker.shutdownNow();
        abandonedThreads.add(workerThread);
        abandoned++;
        // the abandoned worker goes on until its input is done (the hangs found so far are quadratic,
        // not endless); when too many still run at once, it is the campaign that would crawl: stop
        abandonedThreads.removeIf(t -> !t.isAlive());
        if (abandonedThreads.size() >= settings.maxHangs()) {
            log.printf(Locale.ROOT, "fuzz: %d abandoned workers still running: stopping%n", abandonedThreads.size());
            stopped = true;
        }
        newWorker();
    }

    private void newWorker() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker-" + abandoned);
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
    }

    private record Fault(Finding.Kind kind, String signature, String trace) {
    }

    /** What goes wrong with one input, if anything. */
    Optional<Fault> faultOf(byte[] input) {
        try {
            Report report = analyzer.analyze(input);
            if (report.kind() == ReportKind.UNPARSEABLE) {
                String problem = report.problem().orElse("");
                // BounceAnalyzer's own words when it catches a decoder's exception
                if (problem.startsWith("decoder ") && problem.contains(" failed: ")) {
                    String decoder = problem.substring("decoder ".length(), problem.indexOf(" failed: "));
                    String rest = problem.substring(problem.indexOf(" failed: ") + " failed: ".length());
                    int colon = rest.indexOf(':');
                    String type = colon < 0 ? rest : rest.substring(0, colon);
                    return Optional.of(new Fault(Finding.Kind.CONTAINED, "decoder " + decoder + " threw " + type, problem));
                }
            }
            return Optional.empty();
        } catch (Throwable t) {
            return Optional.of(new Fault(Finding.Kind.CRASH, signatureOf(t), traceOf(t)));
        }
    }

    private void record(Fault fault, byte[] input, String origin, long nanos) {
        if (findings.containsKey(fault.signature()) || findings.size() >= 50) {
            return;
        }
        String name = fault.kind().name().toLowerCase(Locale.ROOT) + "-" + shortHash(fault.signature().getBytes(StandardCharsets.UTF_8));
        save(settings.workDir().resolve("findings"), name + ".full.eml", input);
        log.printf(Locale.ROOT, "fuzz: %s %s, %d bytes, from %s: minimising%n", fault.kind(), fault.signature(), input.length, origin);
        // each try runs on this thread without the hang guard: keep it short, and skip slow inputs
        byte[] minimal = nanos > 50_000_000L ? input : new Minimiser(3_000, 20_000).minimise(input,
            candidate -> faultOf(candidate).map(Fault::signature).filter(fault.signature()::equals).isPresent());
        save(settings.regressions(), name + ".eml", minimal);
        save(settings.workDir().resolve("findings"), name + ".txt",
            (fault.signature() + "\nfrom " + origin + "\n\n" + fault.trace()).getBytes(StandardCharsets.UTF_8));
        Finding finding = new Finding(fault.kind(), fault.signature(), origin, minimal, fault.trace(), nanos / 1_000_000);
        findings.put(fault.signature(), finding);
        log.printf(Locale.ROOT, "fuzz: %s %s, %d bytes minimised to %d, saved as %s.eml%n%s%n", fault.kind(), fault.signature(),
            input.length, minimal.length, name, fault.trace().lines().limit(12).reduce("", (a, b) -> a + "    " + b + "\n"));
    }

    static String signatureOf(Throwable t) {
        List<String> frames = new ArrayList<>();
        // from the top: the first frames of our code (a StackOverflowError's trace needs
        // -XX:MaxJavaStackTraceDepth large enough to reach them, as scripts/fuzz sets)
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("io.jamesbounce.core") && frames.size() < 3) {
                frames.add(e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName());
            }
        }
        if (frames.isEmpty()) {
            for (int i = 0; i < Math.min(3, t.getStackTrace().length); i++) {
                StackTraceElement e = t.getStackTrace()[i];
                frames.add(e.getClassName() + "." + e.getMethodName());
            }
        }
        return t.getClass().getName() + " at " + String.join(" < ", frames);
    }

    private static String traceOf(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        // a StackOverflowError's trace is a thousand times the same frame
        return s.length() > 20_000 ? s.substring(0, 20_000) + "\n..." : s;
    }

    private static long poolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void save(Path dir, String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
