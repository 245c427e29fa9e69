package io.jamesbounce.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

/**
 * The CPU time this JVM and the PostgreSQL server have used, for {@link LoadJames}: on a machine shared
 * with other tenants, the CPU a relayed mail costs moves less from run to run than the mails relayed
 * per second. PostgreSQL's processes are read from {@code /proc} (Linux): the embedded server detaches
 * from the JVM that starts it ({@code pg_ctl}), so they are found by their executable, {@code postgres},
 * and counted with the children they have already reaped (an exited backend's time moves to its
 * parent's). Elsewhere only the JVM counts, and {@link #seesOtherProcesses} says so.
 */
final class ProcessTreeCpu {
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessTreeCpu() {
    }

    static boolean seesOtherProcesses() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    static long jvmNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Every process running a {@code postgres} executable, and the children it reaped (0 without {@code /proc}). */
    static long postgresNanos() {
        if (!seesOtherProcesses()) {
            return 0;
        }
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            return processes
                .filter(process -> process.info().command().map(command -> Path.of(command).getFileName().toString().equals("postgres")).orElse(false))
                .mapToLong(process -> statNanos(process.pid()))
                .sum();
        }
    }

    /** utime + stime + cutime + cstime of {@code /proc/<pid>/stat}: fields 14 to 17, counted after the command name. */
    private static long statNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(fields[field - 3]);
            }
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
