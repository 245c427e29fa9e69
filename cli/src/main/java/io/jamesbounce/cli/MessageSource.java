package io.jamesbounce.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Messages named on the command line: files and folders (recursively), one message per file, or mbox files split. */
final class MessageSource {
    record Item(String name, byte[] bytes) {
    }

    private MessageSource() {
    }

    static List<Path> files(List<String> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .filter(f -> !isSideFile(f)).sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(path)) {
                out.add(path);
            } else {
                throw new IOException("no such file or folder: " + p);
            }
        }
        return out;
    }

    private static boolean isSideFile(Path f) {
        String n = f.getFileName().toString().toLowerCase();
        return n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".tsv") || n.endsWith(".md") || n.equals("license") || n.endsWith(".txt") && !n.contains("mail");
    }

    static List<Item> read(List<String> paths, boolean mbox) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path f : files(paths)) {
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
