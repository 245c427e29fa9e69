package io.jamesbounce.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import io.jamesbounce.core.BounceAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Parses and classifies every message in memory, one thread: a warm-up pass, then timed passes.
 * The last line gives messages per second and the per-message p50 and p99.
 */
@Command(name = "bench", description = "Messages per second and p50/p99 per message: one thread, after a warm-up.")
final class BenchCommand implements Callable<Integer> {
    private final CommandEnv env;
    @Option(names = "--seconds", paramLabel = "N", description = "timed passes for about N seconds (default: ${DEFAULT-VALUE})")
    private double seconds = 10;
    @Option(names = "--mbox", description = "split mbox files at their From lines")
    private boolean mbox;
    @Option(names = "--synthetic", description = "instead: a 50 MB message and a 10,000-part message, time and heap")
    private boolean synthetic;
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "message files and folders (recursively)")
    private List<String> paths = new ArrayList<>();

    BenchCommand(CommandEnv env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException, UsageException {
        PrintStream out = env.out();
        if (synthetic) {
            return SyntheticBench.run(out);
        }
        if (paths.isEmpty() || seconds <= 0) {
            throw new UsageException(paths.isEmpty() ? "no file or folder to bench" : "--seconds must be positive");
        }
        List<MessageSource.Item> items = MessageSource.read(paths, mbox, env.err());
        if (items.isEmpty()) {
            throw new UsageException("no messages found");
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
        int n = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long allocatedStart = allocatedBytes();
        long gcBefore = gcMillis();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (MessageSource.Item item : items) {
                long t0 = System.nanoTime();
                sink += analyzer.analyze(item.bytes()).records().size();
                long t1 = System.nanoTime();
                if (n == samples.length) {
                    samples = Arrays.copyOf(samples, n * 2);
                }
                samples[n++] = t1 - t0;
            }
        }
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long allocated = allocatedStart < 0 ? -1 : allocatedBytes() - allocatedStart;
        long gc = gcMillis() - gcBefore;
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        double rate = n / (elapsed / 1e9);
        out.printf("bench: one thread, %.0f s warm-up, gc=%s max_heap_mb=%d; gc_ms=%d during the timed passes%n", Math.min(seconds, 5),
            SyntheticBench.gcNames(), Runtime.getRuntime().maxMemory() >> 20, gc);
        long[] cpuSorted = cpuPerMessage(analyzer, items, threads);
        int m = cpuSorted.length;
        // Thread CPU time leaves out the time other processes took the core: on a shared machine it
        // is what the analysis itself costs (the clock's resolution is about a microsecond).
        out.printf("bench: thread_cpu_msgs_per_sec=%.0f cpu_p50_us=%.1f cpu_p99_us=%.1f cpu_max_us=%.1f (the machine's load aside;"
                + " percentiles from one more pass)%n",
            n / (cpu / 1e9), cpuSorted[m / 2] / 1e3, cpuSorted[(int) Math.min(m - 1, Math.floor(m * 0.99))] / 1e3, cpuSorted[m - 1] / 1e3);
        out.printf("bench: %d distinct messages, %d parsed in %.1f s (records seen: %d)%n", items.size(), n, elapsed / 1e9, sink);
        if (allocated >= 0) {
            // what the garbage collector is given per message, the timing calls' own few bytes included
            out.printf("bench: allocated_kb_per_msg=%.1f (this thread, the timed passes)%n", allocated / 1024.0 / n);
        }
        out.printf("bench: msgs_per_sec=%.0f p50_us=%.1f p99_us=%.1f max_us=%.1f%n", rate,
            sorted[n / 2] / 1e3, sorted[(int) Math.min(n - 1, Math.floor(n * 0.99))] / 1e3, sorted[n - 1] / 1e3);
        return 0;
    }

    /**
     * Each message's thread CPU time, in a pass of its own after the timed ones: reading the thread's
     * CPU clock is a system call here (about 1.5 us), and with two around each message the analysis
     * itself ran 19 % slower (timed in turn in one JVM), which the timed passes would count.
     */
    private static long[] cpuPerMessage(BounceAnalyzer analyzer, List<MessageSource.Item> items, ThreadMXBean threads) {
        long[] cpu = new long[items.size()];
        for (int i = 0; i < cpu.length; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            analyzer.analyze(items.get(i).bytes());
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpu);
        return cpu;
    }

    /** Bytes this thread allocated so far, where the JVM counts them; -1 where it does not. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean counting
            && counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled()) {
            return counting.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static long gcMillis() {
        long total = 0;
        for (var g : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, g.getCollectionTime());
        }
        return total;
    }
}
