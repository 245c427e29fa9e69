package io.jamesbounce.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.Report;

/**
 * Classifies the shared corpus and scores the result with the shared scorer
 * ({@code shared/tools/corpus-score}), so the suite and people read the same figures.
 */
final class CorpusScore {
    private final String json;
    private final String text;

    private CorpusScore(String json, String text) {
        this.json = json;
        this.text = text;
    }

    static Path corpusDir() {
        return Path.of(System.getProperty("corpus.dir", "../../shared/corpus")).toAbsolutePath().normalize();
    }

    static CorpusScore run(Path corpus, BounceAnalyzer analyzer) throws IOException {
        Path results = Files.createTempFile("corpus-results", ".jsonl");
        try {
            StringBuilder out = new StringBuilder();
            try (Stream<Path> files = Files.walk(corpus)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                    Report report;
                    try (InputStream in = Files.newInputStream(f)) {
                        report = analyzer.analyze(in);
                    }
                    out.append(line(corpus.relativize(f).toString(), report)).append('\n');
                }
            }
            Files.writeString(results, out.toString(), StandardCharsets.UTF_8);
            Path scorer = corpus.resolveSibling("tools").resolve("corpus-score");
            String labels = corpus.resolve("labels.jsonl").toString();
            String json = exec(List.of("python3", scorer.toString(), "--labels", labels, results.toString(), "--json"));
            String text = exec(List.of("python3", scorer.toString(), "--labels", labels, results.toString(), "--show-misses", "8"));
            return new CorpusScore(json, text);
        } finally {
            Files.deleteIfExists(results);
        }
    }

    private static String exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }

    double figure(String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": ([0-9.]+|null)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("scorer gave no " + key + ": " + json);
        }
        return m.group(1).equals("null") ? 0 : Double.parseDouble(m.group(1));
    }

    String misses(String key) {
        return text.lines().filter(l -> l.contains("miss " + key + ":")).reduce("", (a, b) -> a + "\n" + b);
    }

    String summary() {
        return text.lines().reduce((a, b) -> b).orElse(text) + "\n" + text;
    }

    private static String line(String file, Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"file\":").append(str(file)).append(",\"kind\":").append(str(report.kind().label())).append(",\"records\":[");
        boolean first = true;
        for (BounceRecord r : report.records()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"recipient\":").append(str(r.recipient()))
                .append(",\"action\":").append(opt(r.action().map(Action::token)))
                .append(",\"status\":").append(opt(r.status().map(s -> s.value().toString())))
                .append(",\"replycode\":").append(opt(r.replyCode().map(s -> s.value().toString())))
                .append(",\"category\":").append(str(r.category().label()))
                .append(",\"hard\":").append(r.hard())
                .append(",\"feedback_type\":").append(opt(r.feedbackType().map(FeedbackType::token)))
                .append('}');
        }
        return sb.append("]}").toString();
    }

    private static String opt(Optional<String> v) {
        return v.map(CorpusScore::str).orElse("null");
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
