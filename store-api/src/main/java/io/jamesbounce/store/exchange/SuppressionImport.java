package io.jamesbounce.store.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.exchange.ImportRow.Accepted;
import io.jamesbounce.store.exchange.ImportRow.Rejected;

/**
 * Reads a suppression list into a store a batch at a time, so that a list of any size is imported in
 * bounded memory: what the command line and the WebAdmin route share. A rejected row is reported
 * and skipped; a line that cannot be read at all stops the import after the rows before it are stored.
 */
public final class SuppressionImport {
    private SuppressionImport() {
    }

    /** Where the accepted rows go. @return how many of the batch were new */
    @FunctionalInterface
    public interface Sink<E extends Exception> {
        /**
         * @param lastLine       the line of the batch's last row
         * @param importedBefore how many entries the batches before this one added
         */
        long store(List<Suppression> batch, long lastLine, long importedBefore) throws E;
    }

    /** What the caller shows while the rows are read. */
    public interface Listener {
        void rejected(long line, String reason);

        /** Called after each row; {@code read} counts them all. */
        default void progress(long read) {
        }
    }

    public record Totals(long read, long imported, long rejected) {
        public long alreadyPresent() {
            return read - rejected - imported;
        }
    }

    /** A line of the input could not be read; every entry before it is stored ({@link #imported()}). */
    public static final class ReadFailure extends Exception {
        private final long line;
        private final long imported;

        ReadFailure(long line, long imported, IOException cause) {
            super("line " + line + ": " + cause.getMessage() + "; " + imported + " entries before it are imported", cause);
            this.line = line;
            this.imported = imported;
        }

        public long line() {
            return line;
        }

        public long imported() {
            return imported;
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    public static <E extends Exception> Totals run(RowReader rows, int batchSize, Sink<E> sink, Listener listener)
        throws E, ReadFailure {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(listener, "listener");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        List<Suppression> batch = new ArrayList<>(Math.min(batchSize, 10_000));
        long read = 0;
        long imported = 0;
        long rejected = 0;
        long lastLine = 0;
        try {
            while (rows.hasNext()) {
                ImportRow row = rows.next();
                read++;
                lastLine = row.line();
                if (row instanceof Accepted accepted) {
                    batch.add(accepted.suppression());
                    if (batch.size() == batchSize) {
                        imported += flush(sink, batch, lastLine, imported);
                    }
                } else {
                    rejected++;
                    listener.rejected(row.line(), ((Rejected) row).reason());
                }
                listener.progress(read);
            }
        } catch (UncheckedIOException e) {
            imported += flush(sink, batch, lastLine, imported);
            throw new ReadFailure(rows.line(), imported, e.getCause());
        }
        imported += flush(sink, batch, lastLine, imported);
        return new Totals(read, imported, rejected);
    }

    private static <E extends Exception> long flush(Sink<E> sink, List<Suppression> batch, long line, long importedBefore) throws E {
        if (batch.isEmpty()) {
            return 0;
        }
        long added = sink.store(batch, line, importedBefore);
        batch.clear();
        return added;
    }
}
