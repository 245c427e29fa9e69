package io.jamesbounce.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Messages named on the command line: files and folders (recursively), one message per file, or mbox files split. */
final class MessageSource {
    record Item(String name, byte[] bytes) {
    }

    private MessageSource() {
    }

    /**
     * The files named, folders walked: every regular file is a message, except what cannot be one, each
     * named on {@code err} with the reason (never skipped silently): hidden files, the corpus' side
     * files (JSON, JSONL, TSV, Markdown, a licence), empty files, binary ones (a NUL byte in the first
     * 8 KB) and files over {@link #MAX_BYTES}. A file named directly is always read.
     */
    static List<Path> files(List<String> paths, PrintStream err) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        Optional<String> why = whyNotAMessage(f);
                        if (why.isPresent()) {
                            err.println("skipped " + f + ": " + why.get());
                        } else {
                            out.add(f);
                        }
                    }
                }
            } else if (Files.isRegularFile(path)) {
                out.add(path);
            } else {
                throw new IOException("no such file or folder: " + p);
            }
        }
        return out;
    }

    /** As large a message as the analyzer reads ({@code ReadLimits.DEFAULT}). */
    static final long MAX_BYTES = 100L * 1024 * 1024;

    private static Optional<String> whyNotAMessage(Path f) throws IOException {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith(".")) {
            return Optional.of("hidden");
        }
        if (n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".tsv") || n.endsWith(".md") || n.equals("license")) {
            return Optional.of("not a message (" + (n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : n) + ")");
        }
        long size = Files.size(f);
        if (size == 0) {
            return Optional.of("empty");
        }
        if (size > MAX_BYTES) {
            return Optional.of("too large (" + size + " bytes, more than " + MAX_BYTES + ")");
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(8192);
            boolean nul = false;
            for (byte b : head) {
                nul |= b == 0;
            }
            // a real bounce may carry a stray NUL: what opens like a message is read all the same
            if (nul && !opensLikeAMessage(head)) {
                return Optional.of("binary (a NUL byte in its first 8 KB, and no header field first)");
            }
        }
        return Optional.empty();
    }

    /** A header field ({@code Name: value}) or an mbox {@code From } line first. */
    private static boolean opensLikeAMessage(byte[] head) {
        int end = 0;
        while (end < head.length && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        String first = new String(head, 0, end, StandardCharsets.ISO_8859_1);
        return first.startsWith("From ") || first.matches("[!-9;-~]+:.*");
    }

    static List<Item> read(List<String> paths, boolean mbox, PrintStream err) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path f : files(paths, err)) {
            byte[] bytes = Files.readAllBytes(f);
            if (mbox) {
                List<byte[]> split = Mbox.split(bytes);
                for (int i = 0; i < split.size(); i++) {
                    items.add(new Item(f + "#" + (i + 1), split.get(i)));
                }
            } else if (Mbox.holdsSeveral(bytes)) {
                // an mbox holding several messages is split even without --mbox: the file's name stands
                // for its first message, as it would for any file, and "#2"... for the others
                List<byte[]> split = Mbox.split(bytes);
                for (int i = 0; i < split.size(); i++) {
                    items.add(new Item(i == 0 ? f.toString() : f + "#" + (i + 1), split.get(i)));
                }
            } else {
                items.add(new Item(f.toString(), bytes));
            }
        }
        return items;
    }
}
