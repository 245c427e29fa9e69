package io.jamesbounce.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Report;

/**
 * Replays every input the fuzzer ({@code scripts/fuzz}) saved under {@code fuzz-regressions/}: each
 * once made {@link BounceAnalyzer#analyze(byte[])} throw, fail inside a decoder, or hang. Each must
 * now give one report without throwing. How long each takes is printed, not asserted (a timed unit
 * test fails on a loaded machine, not on slow code): the slowest, timed a second time once warm, is
 * the figure to compare with the fuzzer's 100 ms threshold ({@code scripts/fuzz --slow-ms}).
 */
class FuzzRegressionsTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();
    private static final Map<String, Double> TIMES = new ConcurrentHashMap<>();

    @AfterAll
    static void printTheSlowest() {
        TIMES.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(slowest -> System.out.printf(Locale.ROOT,
            "FUZZ-REGRESSIONS inputs=%d slowest-ms=%.1f (%s, its second run)%n", TIMES.size(), slowest.getValue(), slowest.getKey()));
    }

    @TestFactory
    Stream<DynamicTest> everySavedFuzzInputShouldGiveAReportWithoutThrowing() throws IOException, URISyntaxException {
        Path dir = Path.of(FuzzRegressionsTest.class.getResource("/fuzz-regressions").toURI());
        return Files.list(dir)
            .filter(p -> p.toString().endsWith(".eml"))
            .sorted()
            .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                byte[] input = Files.readAllBytes(p);
                assertThatCode(() -> ANALYZER.analyze(input)).doesNotThrowAnyException();
                long start = System.nanoTime();
                Report report = ANALYZER.analyze(input);
                TIMES.merge(p.getFileName().toString(), (System.nanoTime() - start) / 1e6, Math::max);
                assertThat(report).isNotNull();
                assertThat(report.problem().orElse("")).as("a decoder failed on %s", p.getFileName())
                    .doesNotStartWith("decoder ");
            }));
    }
}
