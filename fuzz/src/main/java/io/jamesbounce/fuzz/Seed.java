package io.jamesbounce.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** A message a campaign starts from: a corpus message or a test fixture, named by its path. */
public record Seed(String name, byte[] bytes) {
    public Seed {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * Every {@code .eml} file under the directories that exist, in path order; missing directories are
     * skipped, and so are folders named {@code open} (known slow inputs not fixed yet: as seeds they
     * would only find the same fault again and again).
     */
    public static List<Seed> load(List<Path> directories) {
        List<Seed> seeds = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".eml"))
                    .filter(f -> !dir.relativize(f).toString().startsWith("open/") && !dir.relativize(f).toString().contains("/open/")).sorted().toList()) {
                    seeds.add(new Seed(dir.getFileName() + "/" + dir.relativize(p), Files.readAllBytes(p)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read seeds under " + dir, e);
            }
        }
        return List.copyOf(seeds);
    }
}
