package io.jamesbounce.core;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.jamesbounce.core.model.Report;

/**
 * The reports of the last messages read, by their bytes: in James a matcher reads a message to tell a
 * report from other mail and the mailet after it reads the same message again; with this the second
 * reading is a hash and a comparison of the bytes. Bounded by the bytes it keeps (the least recently
 * used go first); a message larger than a sixteenth of that is not kept. Safe for James' spool threads.
 */
final class RecentReports {
    private final long maxBytes;
    private final Map<Key, Report> reports = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;

    RecentReports(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The report of these bytes: remembered, or read by {@code reading} and remembered. */
    Report get(byte[] message, Supplier<Report> reading) {
        if (message.length > maxBytes / 16) {
            return reading.get();
        }
        Key key = new Key(message);
        synchronized (this) {
            Report known = reports.get(key);
            if (known != null) {
                hits++;
                return known;
            }
        }
        // read outside the lock: two threads may read one message at once, both get the same report
        Report report = reading.get();
        synchronized (this) {
            if (reports.put(key, report) == null) {
                bytes += message.length;
            }
            Iterator<Key> oldest = reports.keySet().iterator();
            while (bytes > maxBytes && oldest.hasNext()) {
                bytes -= oldest.next().message.length;
                oldest.remove();
            }
        }
        return report;
    }

    synchronized long hits() {
        return hits;
    }

    /** The bytes, compared whole; their hash computed once. The array is the caller's and must not change. */
    private static final class Key {
        private final byte[] message;
        private final int hash;

        Key(byte[] message) {
            this.message = message;
            this.hash = Arrays.hashCode(message);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.hash == hash && Arrays.equals(other.message, message);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
