package io.jamesbounce.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A command as the documentation shows it: in a code block (fenced or indented, continuation lines
 * joined; a {@code ```text} block shows output or a usage table) or in an inline code span, taken from the Markdown as written so the docs cannot drift.
 * Commands are those of the operator's tools: {@code ./bounces}, {@code scripts/...} and {@code curl}.
 *
 * @param source  the Markdown file and line, for the failure message
 * @param command the command without its trailing {@code # comment}
 * @param comment the comment, or empty
 */
record DocumentedCommand(String source, String command, String comment) {
    private static final List<String> STARTS = List.of("./bounces", "scripts/", "curl ");
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`");
    /**
     * A synopsis rather than a command: placeholders (FILE, STORE, PATH...), optional parts in
     * brackets, alternatives, repetition.
     */
    private static final Pattern SYNOPSIS = Pattern.compile("\\[|\\.\\.\\.|\\(--|(?<![\\w$%-])(?<!-X )[A-Z][A-Z-]{2,}(?![\\w=])");

    /** Every command of {@code README.md} and {@code docs/*.md}, file by file, in the order of the page. */
    static List<DocumentedCommand> allIn(Path repository) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(repository.resolve("README.md")));
        try (Stream<Path> docs = Files.list(repository.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<DocumentedCommand> all = new ArrayList<>();
        for (Path page : pages) {
            all.addAll(in(page, repository.relativize(page).toString()));
        }
        return all;
    }

    static List<DocumentedCommand> in(Path markdown, String name) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<DocumentedCommand> commands = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        boolean text = false;
        StringBuilder pending = null;
        int startLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.startsWith("```")) {
                fenced = !fenced;
                // a ```text block shows output or a usage table, not commands to run
                text = fenced && stripped.substring(3).strip().equals("text");
                continue;
            }
            if (text) {
                continue;
            }
            boolean code = fenced || line.startsWith("    ") && !stripped.startsWith("-") && !stripped.startsWith("|");
            if (pending != null) {
                pending.append(' ').append(stripped);
            } else if (code && STARTS.stream().anyMatch(stripped::startsWith)) {
                pending = new StringBuilder(stripped);
                startLine = i + 1;
            } else {
                if (!fenced) {
                    prose.append(line).append(' ');
                }
                continue;
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            } else {
                commands.add(of(name + ":" + startLine, pending.toString()));
                pending = null;
            }
        }
        Matcher inline = INLINE.matcher(prose);
        while (inline.find()) {
            String span = inline.group(1).strip().replaceAll("\\s+", " ");
            if (STARTS.stream().anyMatch(span::startsWith)) {
                commands.add(of(name + " (inline)", span));
            }
        }
        return commands;
    }

    private static DocumentedCommand of(String source, String text) {
        String squeezed = text.replaceAll("\\s{2,}(?=#)", " ");
        int hash = squeezed.indexOf(" # ");
        return hash < 0 ? new DocumentedCommand(source, squeezed.strip(), "")
            : new DocumentedCommand(source, squeezed.substring(0, hash).strip(), squeezed.substring(hash + 3).strip());
    }

    /** Why it is not run as written, if it is a synopsis (the reader fills its placeholders in). */
    Optional<String> synopsis() {
        return SYNOPSIS.matcher(command).find() ? Optional.of("a synopsis with placeholders") : Optional.empty();
    }

    @Override
    public String toString() {
        return source + ": " + command + (comment.isEmpty() ? "" : "   # " + comment);
    }
}
