package io.jamesbounce.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.management.OperatingSystemMXBean;

/**
 * The CPU time this JVM and every process it started (the embedded PostgreSQL server and its
 * backends) have used, for {@link LoadJames}: on a machine shared with other tenants, the CPU a relayed
 * mail costs moves less from run to run than the mails relayed per second. The other processes are
 * read from {@code /proc} (Linux); elsewhere only the JVM counts, and {@link #seesChildren} says so.
 */
final class ProcessTreeCpu {
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessTreeCpu() {
    }

    static boolean seesChildren() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    static long jvmNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The processes this JVM started, and theirs (0 where {@link #seesChildren} is false). */
    static long childrenNanos() {
        return seesChildren() ? ProcessHandle.current().descendants().mapToLong(process -> childNanos(process.pid())).sum() : 0;
    }

    /** utime + stime of {@code /proc/<pid>/stat}, fields 14 and 15, counted after the command name's closing parenthesis. */
    private static long childNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            // the process ended between the listing and the read
            return 0;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
