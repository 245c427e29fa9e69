package io.jamesbounce.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.Report;

/**
 * Table-driven tests over the hand-written fixtures: every folder under {@code fixtures/} holds
 * {@code .eml} files and an {@code expected.tsv} with one row per expected record:
 * file, kind, decoder, recipient, action, status, replycode, category, hard ("-" for none, "*" for any;
 * a status of "-" also accepts one the classifier inferred because the report gave none).
 */
class FixtureExpectationsTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();
    private static final BounceAnalyzer GENERIC_ONLY = BounceAnalyzer.genericOnly();

    @TestFactory
    Stream<DynamicTest> everyFixtureMatchesItsExpectations() throws IOException, URISyntaxException {
        URL root = FixtureExpectationsTest.class.getResource("/fixtures");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> tables = Files.walk(Path.of(root.toURI()))) {
            for (Path table : tables.filter(p -> p.getFileName().toString().equals("expected.tsv")).sorted().toList()) {
                for (Map.Entry<String, List<String[]>> e : rows(table).entrySet()) {
                    Path eml = table.resolveSibling(e.getKey());
                    String name = table.getParent().getFileName() + "/" + e.getKey();
                    tests.add(DynamicTest.dynamicTest(name, () -> check(ANALYZER, eml, e.getValue())));
                }
            }
        }
        assertThat(tests).as("fixture tables").isNotEmpty();
        return tests.stream();
    }

    /**
     * The family decoders add precision, never coverage the generic reader lacks (issue #14): the
     * notices of servers the engine has no decoder for, and the real notices of the five servers run
     * here, are read as well with every family decoder switched off.
     */
    @TestFactory
    Stream<DynamicTest> theGenericReaderAloneShouldReadEveryServerAndTemplateFixture() throws IOException, URISyntaxException {
        URL root = FixtureExpectationsTest.class.getResource("/fixtures");
        List<DynamicTest> tests = new ArrayList<>();
        for (String family : List.of("servers", "templates")) {
            try (Stream<Path> tables = Files.walk(Path.of(root.toURI()).resolve(family))) {
                for (Path table : tables.filter(p -> p.getFileName().toString().equals("expected.tsv")).sorted().toList()) {
                    for (Map.Entry<String, List<String[]>> e : rows(table).entrySet()) {
                        Path eml = table.resolveSibling(e.getKey());
                        String name = "generic-only " + table.getParent().getFileName() + "/" + e.getKey();
                        tests.add(DynamicTest.dynamicTest(name, () -> check(GENERIC_ONLY, eml, e.getValue())));
                    }
                }
            }
        }
        assertThat(tests).as("server and template fixtures").hasSizeGreaterThan(200);
        return tests.stream();
    }

    private static Map<String, List<String[]>> rows(Path table) throws IOException {
        Map<String, List<String[]>> byFile = new LinkedHashMap<>();
        for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 9) {
                throw new IllegalArgumentException(table + ": need 9 tab-separated columns: " + line);
            }
            byFile.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(cols);
        }
        return byFile;
    }

    private static void check(BounceAnalyzer analyzer, Path eml, List<String[]> expected) throws IOException {
        Report report;
        try (InputStream in = Files.newInputStream(eml)) {
            report = analyzer.analyze(in);
        }
        String[] first = expected.get(0);
        assertThat(report.kind().label()).as("kind of %s", eml.getFileName()).isEqualTo(first[1]);
        expect("decoder", first[2], report.decoder());
        boolean noRecords = expected.size() == 1 && first[3].equals("-");
        if (noRecords) {
            assertThat(report.records()).as("records").isEmpty();
            return;
        }
        assertThat(report.records()).as("records of %s", eml.getFileName()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] row = expected.get(i);
            BounceRecord r = report.records().get(i);
            String where = eml.getFileName() + " record " + (i + 1);
            expect(where + " recipient", row[3], r.recipient());
            expect(where + " action", row[4], r.action().map(Action::token).orElse("-"));
            // "-" means the report gave no status: none, or one the classifier inferred (X.0.9xx)
            expect(where + " status", row[5], r.status().filter(s -> s.origin() != CodeOrigin.INFERRED)
                .map(s -> s.value().toString()).orElse("-"));
            expect(where + " replycode", row[6], r.replyCode().map(s -> s.value().toString()).orElse("-"));
            expect(where + " category", row[7], r.category().label());
            expect(where + " hard", row[8], Boolean.toString(r.hard()));
        }
    }

    private static void expect(String what, String want, String got) {
        if (!want.equals("*")) {
            assertThat(got).as(what).isEqualTo(want);
        }
    }
}
