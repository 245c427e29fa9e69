package io.jamesbounce.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.jamesbounce.core.mime.ReadLimits;

/**
 * The messages of a backlog, one at a time: a maildir or any folder of message files (recursively),
 * or mbox files read as a stream and split at their {@code From } lines. Only one message is in
 * memory at a time, so a backlog of any size fits; the file sizes, known up front, measure progress.
 */
final class Backlog {
    /** Bytes kept of one message: one more than the analyser reads, so that it reports an oversized message as such. */
    private static final long MAX_MESSAGE = ReadLimits.DEFAULT.maxBytes() + 1;
    /** A longer line is read in pieces (a "From " can only start the first). */
    private static final int MAX_LINE = 1 << 20;

    @FunctionalInterface
    interface Visitor {
        /** @param done bytes of the backlog read so far, this message included */
        void message(String name, byte[] bytes, long done) throws IOException;
    }

    private final List<Path> files;
    private final boolean mbox;
    private final long totalBytes;

    private Backlog(List<Path> files, boolean mbox, long totalBytes) {
        this.files = files;
        this.mbox = mbox;
        this.totalBytes = totalBytes;
    }

    static Backlog of(List<String> paths, boolean mbox, PrintStream err) throws IOException {
        List<Path> files = MessageSource.files(paths, err).stream().filter(f -> !inMaildirTmp(f)).toList();
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        return new Backlog(files, mbox, total);
    }

    /** A maildir's {@code tmp} holds deliveries still being written: not messages yet. */
    private static boolean inMaildirTmp(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("tmp")
            && parent.getParent() != null && Files.isDirectory(parent.resolveSibling("cur"));
    }

    long totalBytes() {
        return totalBytes;
    }

    int fileCount() {
        return files.size();
    }

    void forEach(Visitor visitor) throws IOException {
        long done = 0;
        for (Path file : files) {
            long size = Files.size(file);
            if (mbox) {
                splitMbox(file, done, visitor);
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    visitor.message(file.toString(), in.readNBytes((int) Math.min(MAX_MESSAGE, Integer.MAX_VALUE - 8)), done + size);
                }
            }
            done += size;
        }
    }

    /**
     * Streams an mbox: a line starting {@code From } at the start of the file or after a line break
     * begins a message (mboxrd quotes such lines in bodies as {@code >From }). Text before the first
     * separator is a message too, unless blank: nothing is skipped silently.
     */
    private static void splitMbox(Path file, long before, Visitor visitor) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
            byte[] line = new byte[256];
            long read = 0;
            int number = 0;
            boolean lineStart = true;
            while (true) {
                int length = 0;
                int b;
                while ((b = in.read()) >= 0) {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[length++] = (byte) b;
                    if (b == '\n' || length >= MAX_LINE) {
                        break;
                    }
                }
                read += length;
                boolean end = length == 0;
                boolean wholeLine = lineStart;
                boolean separator = wholeLine && startsWithFrom(line, 0, length);
                lineStart = length > 0 && line[length - 1] == '\n';
                if (end || separator) {
                    if (message.size() > 0 && !isBlank(message)) {
                        visitor.message(file + "#" + ++number, withoutSeparatorLine(message.toByteArray()), before + read - length);
                    }
                    message.reset();
                    if (end) {
                        return;
                    }
                }
                if (message.size() < MAX_MESSAGE) {
                    // mboxrd: a body line ">From " (any number of '>') was quoted with one more '>' when written
                    int quotes = 0;
                    while (quotes < length && line[quotes] == '>') {
                        quotes++;
                    }
                    int skip = wholeLine && quotes > 0 && startsWithFrom(line, quotes, length) ? 1 : 0;
                    message.write(line, skip, length - skip);
                }
                if (line.length > 1 << 16) {
                    line = new byte[256];
                }
            }
        }
    }

    private static boolean startsWithFrom(byte[] b, int from, int length) {
        return length - from >= 5 && b[from] == 'F' && b[from + 1] == 'r' && b[from + 2] == 'o' && b[from + 3] == 'm' && b[from + 4] == ' ';
    }

    /** The empty line an mbox writer puts between two messages is not part of the first. */
    private static byte[] withoutSeparatorLine(byte[] m) {
        int n = m.length;
        if (n >= 4 && m[n - 4] == '\r' && m[n - 3] == '\n' && m[n - 2] == '\r' && m[n - 1] == '\n') {
            return Arrays.copyOf(m, n - 2);
        }
        if (n >= 2 && m[n - 2] == '\n' && m[n - 1] == '\n') {
            return Arrays.copyOf(m, n - 1);
        }
        return m;
    }

    private static boolean isBlank(ByteArrayOutputStream message) {
        if (message.size() > 64) {
            return false;
        }
        for (byte b : message.toByteArray()) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
