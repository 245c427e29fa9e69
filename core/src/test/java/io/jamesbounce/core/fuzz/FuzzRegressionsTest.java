package io.jamesbounce.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Report;

/**
 * Replays every input the fuzzer ({@code scripts/fuzz}) saved under {@code fuzz-regressions/}: each
 * once made {@link BounceAnalyzer#analyze(byte[])} throw, fail inside a decoder, or hang. Each must
 * now give one report without throwing.
 */
class FuzzRegressionsTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();

    @TestFactory
    Stream<DynamicTest> everySavedFuzzInputShouldGiveAReportWithoutThrowing() throws IOException, URISyntaxException {
        Path dir = Path.of(FuzzRegressionsTest.class.getResource("/fuzz-regressions").toURI());
        return Files.list(dir)
            .filter(p -> p.toString().endsWith(".eml"))
            .sorted()
            .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                byte[] input = Files.readAllBytes(p);
                assertThatCode(() -> ANALYZER.analyze(input)).doesNotThrowAnyException();
                Report report = ANALYZER.analyze(input);
                assertThat(report).isNotNull();
                assertThat(report.problem().orElse("")).as("a decoder failed on %s", p.getFileName())
                    .doesNotStartWith("decoder ");
            }));
    }
}
