package io.jamesbounce.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MutationTest {
    private static final byte[] SEED = ("From: MAILER-DAEMON@mx.example.net\r\nContent-Type: multipart/report; boundary=\"b\"; charset=utf-8\r\n"
        + "Content-Transfer-Encoding: 7bit\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; a@b.c\r\n"
        + "Status: 5.1.1\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSameRandomSeedShouldGiveTheSameInputs() {
        Random a = new Random(42);
        Random b = new Random(42);
        for (int i = 0; i < 500; i++) {
            assertThat(Mutation.mutate(SEED, SEED, a, 1 << 20, null)).isEqualTo(Mutation.mutate(SEED, SEED, b, 1 << 20, null));
        }
    }

    @Test
    void everyOperatorShouldCopeWithEmptyAndTinyInputs() {
        Random random = new Random(7);
        for (Mutation m : Mutation.values()) {
            for (byte[] in : new byte[][] {new byte[0], {'x'}, {'\r', '\n'}, SEED}) {
                for (int i = 0; i < 50; i++) {
                    assertThat(m.apply(in, SEED, random)).as("%s", m).isNotNull();
                }
            }
        }
    }

    @Test
    void mutatedInputsShouldStayUnderTheCap() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            assertThat(Mutation.mutate(SEED, SEED, random, 4096, null).length).isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void mutateShouldNameTheOperatorsItApplied() {
        StringBuilder applied = new StringBuilder();
        Mutation.mutate(SEED, SEED, new Random(1), 1 << 20, applied);
        assertThat(applied.toString()).matches("[a-z_]+(\\+[a-z_]+)*");
    }
}
