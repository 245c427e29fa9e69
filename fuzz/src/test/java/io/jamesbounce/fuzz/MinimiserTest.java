package io.jamesbounce.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MinimiserTest {
    @Test
    void minimiseShouldKeepOnlyWhatTheFaultNeeds() {
        byte[] input = ("x".repeat(3000) + "BOOM" + "y".repeat(5000)).getBytes(StandardCharsets.US_ASCII);

        byte[] minimal = new Minimiser(10_000, 10_000).minimise(input,
            candidate -> new String(candidate, StandardCharsets.US_ASCII).contains("BOOM"));

        assertThat(new String(minimal, StandardCharsets.US_ASCII)).isEqualTo("BOOM");
    }

    @Test
    void minimiseShouldStopAtItsBudgetWithAnInputThatStillFails() {
        byte[] input = ("a".repeat(10_000) + "BOOM").getBytes(StandardCharsets.US_ASCII);

        byte[] minimal = new Minimiser(5, 10_000).minimise(input,
            candidate -> new String(candidate, StandardCharsets.US_ASCII).contains("BOOM"));

        assertThat(new String(minimal, StandardCharsets.US_ASCII)).contains("BOOM");
        assertThat(minimal.length).isLessThan(input.length);
    }
}
