package io.jamesbounce.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "failed|FAILED",
        "Failed (permanent)|FAILED",
        " delayed |DELAYED",
        "delivered|DELIVERED",
        "relayed|RELAYED",
        "expanded|EXPANDED",
        "failure|FAILED",
        "expired|FAILED"})
    void parseShouldReadTheTokensRealServersWrite(String value, Action expected) {
        assertThat(Action.parse(value)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "queued", "5.1.1"})
    void parseShouldRefuseWhatIsNoAction(String value) {
        assertThat(Action.parse(value)).isEmpty();
    }
}
