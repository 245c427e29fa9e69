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
        "SMTP error from remote mail server after initial connection: 554 go away|CONNECT",
        "SMTP:RCPT host 192.0.2.8: 553 5.3.0 <a@example.com>... No such user here|RCPT",
        "192.0.2.153 does not like recipient. Remote host said: 550 5.2.1 User Unknown|RCPT",
        "Connected to 192.0.2.225 but sender was rejected. Remote host said: 550 5.7.1 Access denied|MAIL"})
    void findShouldTellTheRefusedCommand(String text, SmtpCommand expected) {
        assertThat(SmtpCommand.find(text)).contains(expected);
    }

    @org.junit.jupiter.api.Test
    void wordsThatMerelyContainACommandShouldNotCount() {
        assertThat(SmtpCommand.find("Please retry after mailing the postmaster; the database is down")).isEmpty();
    }
}
