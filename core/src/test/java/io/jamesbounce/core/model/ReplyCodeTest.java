package io.jamesbounce.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyCodeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "host mx.example.net[192.0.2.25] said: 550 5.1.1 unknown|550",
        "550-5.1.1 The email account that you tried to reach does not exist|550",
        "Remote host said: 452 4.2.2 Mailbox full|452",
        "421 4.7.0 Try again later|421",
        "refused to talk to me: 220-mx 421 4.2.1 Service refused|421",
        "250 2.0.0 Ok: queued as 4F2A1|250",
        "250 accepted, then 550 5.7.1 rejected after data|550"})
    void findShouldReadTheReplyCode(String text, int expected) {
        assertThat(ReplyCode.find(text)).hasValueSatisfying(c -> assertThat(c.value()).isEqualTo(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "connect to 192.0.2.250:25: timed out",
        "queue id 5501234 deferred",
        "(#5.5.0)"})
    void findShouldNotMistakeOtherNumbersForAReplyCode(String text) {
        assertThat(ReplyCode.find(text)).isEmpty();
    }
}
