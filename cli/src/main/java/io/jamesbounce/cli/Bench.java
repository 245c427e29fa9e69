package io.jamesbounce.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.jamesbounce.core.BounceAnalyzer;

/**
 * Parses and classifies every message in memory, one thread: a warm-up pass, then timed passes.
 * The last line gives messages per second and the per-message p50 and p99.
 */
final class Bench {
    private Bench() {
    }

    static int run(List<String> args, PrintStream out) throws IOException, Main.UsageException {
        double seconds = 10;
        boolean mbox = false;
        boolean synthetic = false;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--seconds") && i + 1 < args.size()) {
                seconds = Double.parseDouble(args.get(++i));
            } else if (a.equals("--mbox")) {
                mbox = true;
            } else if (a.equals("--synthetic")) {
                synthetic = true;
            } else if (a.startsWith("--")) {
                throw new Main.UsageException("unknown option " + a);
            } else {
                paths.add(a);
            }
        }
        if (synthetic) {
            return SyntheticBench.run(out);
        }
        if (paths.isEmpty()) {
            throw new Main.UsageException("no file or folder to bench");
        }
        List<MessageSource.Item> items = MessageSource.read(paths, mbox, System.err);
        if (items.isEmpty()) {
            throw new Main.UsageException("no messages found");
        }
        BounceAnalyzer analyzer = BounceAnalyzer.withDefaults();
        long sink = 0;
        long warmupEnd = System.nanoTime() + (long) (Math.min(seconds, 5) * 1e9);
        while (System.nanoTime() < warmupEnd) {
            for (MessageSource.Item item : items) {
                sink += analyzer.analyze(item.bytes()).records().size();
            }
        }
        long[] samples = new long[1 << 20];
        long[] cpuSamples = new long[1 << 20];
        int n = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long gcBefore = gcMillis();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (MessageSource.Item item : items) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                sink += analyzer.analyze(item.bytes()).records().size();
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                if (n == samples.length) {
                    samples = Arrays.copyOf(samples, n * 2);
                    cpuSamples = Arrays.copyOf(cpuSamples, n * 2);
                }
                cpuSamples[n] = c1 - c0;
                samples[n++] = t1 - t0;
            }
        }
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long gc = gcMillis() - gcBefore;
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        double rate = n / (elapsed / 1e9);
        out.printf("bench: one thread, %.0f s warm-up, gc=%s max_heap_mb=%d; gc_ms=%d during the timed passes%n", Math.min(seconds, 5),
            SyntheticBench.gcNames(), Runtime.getRuntime().maxMemory() >> 20, gc);
        long[] cpuSorted = Arrays.copyOf(cpuSamples, n);
        Arrays.sort(cpuSorted);
        // Thread CPU time leaves out the time other processes took the core: on a shared machine it
        // is what the analysis itself costs (the clock's resolution is about a microsecond).
        out.printf("bench: thread_cpu_msgs_per_sec=%.0f cpu_p50_us=%.1f cpu_p99_us=%.1f cpu_max_us=%.1f (the machine's load aside)%n",
            n / (cpu / 1e9), cpuSorted[n / 2] / 1e3, cpuSorted[(int) Math.min(n - 1, Math.floor(n * 0.99))] / 1e3, cpuSorted[n - 1] / 1e3);
        out.printf("bench: %d distinct messages, %d parsed in %.1f s (records seen: %d)%n", items.size(), n, elapsed / 1e9, sink);
        out.printf("bench: msgs_per_sec=%.0f p50_us=%.1f p99_us=%.1f max_us=%.1f%n", rate,
            sorted[n / 2] / 1e3, sorted[(int) Math.min(n - 1, Math.floor(n * 0.99))] / 1e3, sorted[n - 1] / 1e3);
        return 0;
    }

    private static long gcMillis() {
        long total = 0;
        for (var g : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, g.getCollectionTime());
        }
        return total;
    }
}
