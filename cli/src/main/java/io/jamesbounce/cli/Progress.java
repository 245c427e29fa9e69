package io.jamesbounce.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long run on stderr. On a terminal: one line redrawn in place at most five times a
 * second, with a bar, the percentage, the rate and the time left. Otherwise (a log file, a pipe):
 * a plain line every {@code interval}, so that logs stay readable.
 */
final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final String what;
    private final String unit;
    private final long total;
    private final long start;
    private long lastShown;
    private int lastWidth;

    /**
     * @param what  the run, at the start of each plain line ({@code scan})
     * @param unit  what is counted ({@code msgs}, {@code rows})
     * @param total the amount of work in bytes, or 0 when unknown (no percentage, no ETA then)
     */
    Progress(PrintStream err, boolean terminal, LongSupplier nanoTime, Duration interval, String what, String unit, long total) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.start = nanoTime.getAsLong();
        this.lastShown = start;
    }

    static Progress onStderr(String what, String unit, long total) {
        return new Progress(System.err, isTerminal(), System::nanoTime, Duration.ofSeconds(10), what, unit, total);
    }

    /** Whether the console is a terminal: {@code Console.isTerminal()} on JDK 22+, a console at all before. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** @param count items done; @param done bytes done (of {@code total}) */
    void update(long count, long done) {
        long now = nanoTime.getAsLong();
        if (now - lastShown < (terminal ? REDRAW_NANOS : intervalNanos)) {
            return;
        }
        lastShown = now;
        show(count, done, now, false);
    }

    /** A line about one item (a problem), printed above the bar on a terminal. */
    void message(String line) {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        err.println(line);
    }

    /** The last line: the totals and the time taken (on a terminal, the bar at its final state). */
    void finish(long count, long done) {
        show(count, done, nanoTime.getAsLong(), true);
        if (terminal) {
            err.println();
        }
        err.flush();
    }

    private void show(long count, long done, long now, boolean last) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = count / seconds;
        StringBuilder line = new StringBuilder();
        if (terminal && total > 0) {
            int filled = (int) Math.min(BAR, BAR * done / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
        } else if (!terminal) {
            line.append(what).append(": ");
        }
        if (total > 0) {
            line.append(String.format(Locale.ROOT, "%3d%%  ", Math.min(100, 100 * done / total)));
        }
        line.append(String.format(Locale.ROOT, "%,d %s  %,.0f %s/s", count, unit, rate, unit));
        if (total > 0 && done > 0 && !last) {
            double left = seconds * (total - done) / done;
            line.append("  ETA ").append(clock((long) left));
        } else if (last) {
            line.append("  in ").append(clock((long) seconds));
        }
        if (terminal) {
            String text = line.toString();
            err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
            lastWidth = text.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
