package io.jamesbounce.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.testing.RandomText;

class AnchoredAlternationTest {
    private static final Pattern WORDINGS = Pattern.compile(
        "(?i)(could not be delivered|could not deliver|delivery (has )?failed|returned to (the )?sender|did(n't| not) reach|"
            + "following address(es)? failed|n'a pas (pu )?été (remis|distribué)|не (может быть|было) доставлен|"
            + "user unknown\\b|mail ?system|配信できません)");
    private static final String[] PIECES = {"could not ", "COULD NOT BE ", "delivered", "Deliver", "delivery ", "has ", "failed",
        "returned to ", "the ", "sender", "didn't ", "did not ", "reach", "following address", "es", " failed", "n'a pas ", "pu ",
        "été ", "ÉTÉ ", "remis", "НЕ ", "не ", "было ", "доставлен", "user unknown", "USER UNKNOWNS", "MAILSYSTEM", "mail system", "配信できません", "İ", "x", " ", "\n"};

    @Test
    void findsWhatThePatternFinds() {
        AnchoredAlternation anchored = AnchoredAlternation.of(WORDINGS);
        int found = 0;
        for (int seed = 0; seed < 20_000; seed++) {
            Random random = new Random(seed);
            String s = RandomText.of(random, 10, PIECES);
            boolean expected = WORDINGS.matcher(s).find();

            assertThat(anchored.find(s, s.toLowerCase(Locale.ROOT))).as(s).isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        // the texts are drawn to match often and to miss often
        assertThat(found).isBetween(2_000, 18_000);
    }

    @Test
    void findsAtLineStartsWhatThePatternFindsAndWhere() {
        Pattern fields = Pattern.compile("(?im)^(from|to|x-[a-z0-9-]+|message-i[dD]|return-path)\\s?:");
        AnchoredAlternation anchored = AnchoredAlternation.of(fields);
        String[] pieces = {"From:", "from :", "TO:", "x-a:", "X-Spam-1 :", "Message-ID:", "return-path:", "to", ":", " ", "a", "İ", "@",
            "\n", "\r\n", "\r", "\u2028", "\u0085"};
        for (int seed = 0; seed < 10_000; seed++) {
            Random random = new Random(seed);
            String s = RandomText.of(random, 20, pieces);
            String lower = s.toLowerCase(Locale.ROOT);
            int[] lineStarts = Lines.starts(s);
            Matcher expected = fields.matcher(s);
            Matcher actual = fields.matcher(s);
            Matcher inPlace = fields.matcher(s);
            for (int from = 0; from <= s.length(); ) {
                boolean found = expected.find(from);

                assertThat(anchored.find(actual, lower, from)).as("%s from %d", s, from).isEqualTo(found);
                assertThat(anchored.findAtLineStart(inPlace, s, lineStarts, from)).as("%s from %d", s, from).isEqualTo(found);
                if (!found) {
                    break;
                }
                assertThat(actual.start()).isEqualTo(expected.start());
                assertThat(actual.end()).isEqualTo(expected.end());
                assertThat(inPlace.start()).isEqualTo(expected.start());
                assertThat(inPlace.end()).isEqualTo(expected.end());
                from = expected.end();
            }
        }
    }

    @Test
    void refusesPatternsItCannotAnchor() {
        assertThatThrownBy(() -> AnchoredAlternation.of(Pattern.compile("(?i)(a|(b)?c)"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnchoredAlternation.of(Pattern.compile("(a|b)"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnchoredAlternation.of(Pattern.compile("(?i)(a|b)", Pattern.COMMENTS))).isInstanceOf(IllegalArgumentException.class);
    }
}
