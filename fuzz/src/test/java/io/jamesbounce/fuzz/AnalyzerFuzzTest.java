package io.jamesbounce.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.jamesbounce.core.BounceAnalyzer;

/**
 * The same contract under Jazzer's coverage-guided fuzzing: {@code JAZZER_FUZZ=1 mvn -pl core,fuzz test
 * -Dtest=AnalyzerFuzzTest} explores for as long as {@code maxDuration}. In a normal build it only
 * replays the inputs saved under {@code src/test/resources/io/jamesbounce/fuzz/AnalyzerFuzzTestInputs}.
 *
 * <p>Jazzer 0.24 instruments classes up to Java 24 only: under a JDK 25 it runs but sees no coverage
 * ("Unsupported class file major version 69"), so fuzz with a JDK 21 to 24, or use scripts/fuzz.
 */
class AnalyzerFuzzTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();

    @FuzzTest(maxDuration = "5m")
    void analyzeShouldGiveOneReportForAnyBytes(byte[] input) {
        assertThat(ANALYZER.analyze(input)).isNotNull();
    }
}
