package io.jamesbounce.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "550 5.1.1 <a@example.org>: User unknown (in reply to RCPT TO command)|RCPT",
        "SMTP error from remote mail server after RCPT TO:<a@example.org>: 550 unknown|RCPT",
        "550 spam (in reply to end of DATA command)|DATA",
        ">>> DATA <<< 550 Unknown user|DATA",
        "most progress was RCPT TO response; remote host said 550|RCPT",
        "SMTP error from remote mail server after MAIL FROM:<s@example.com>: 553 sender|MAIL",
        "SMTP error from remote mail server after initial connection: 554 go away|CONNECT"})
    void findShouldTellTheRefusedCommand(String text, SmtpCommand expected) {
        assertThat(SmtpCommand.find(text)).contains(expected);
    }
}
