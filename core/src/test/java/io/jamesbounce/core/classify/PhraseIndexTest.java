package io.jamesbounce.core.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PhraseIndexTest {
    @Test
    void findsEveryPhraseThatOccursAndNoOtherOnRandomTexts() {
        Random random = new Random(20261207);
        String alphabet = "abc d.\u00e9\u4e2d";
        int found = 0;
        for (int round = 0; round < 200; round++) {
            List<String> phrases = new ArrayList<>();
            for (int p = 1 + random.nextInt(30); p > 0; p--) {
                phrases.add(randomText(random, alphabet, 1 + random.nextInt(5)));
            }
            PhraseIndex index = new PhraseIndex(phrases);
            for (int t = 0; t < 50; t++) {
                String text = randomText(random, alphabet + "XYZ\u00ff", random.nextInt(60));

                BitSet present = index.scan(text);

                for (String phrase : phrases) {
                    assertThat(present.get(index.id(phrase))).as("'%s' in '%s'", phrase, text).isEqualTo(text.contains(phrase));
                    found += text.contains(phrase) ? 1 : 0;
                }
            }
        }
        // the texts hold many of the phrases, and miss many
        assertThat(found).isGreaterThan(10_000);
    }

    @Test
    void aPhraseThatStartsInsideAnotherIsFoundThroughTheFailureLinks() {
        // "abc" has one child: its "e" is looked up from its failure "bc", whose own edge ends "bce"
        PhraseIndex index = new PhraseIndex(List.of("abcd", "bce", "ce", "x"));

        BitSet present = index.scan("zabce");

        assertThat(present.stream().boxed().toList()).containsExactlyInAnyOrder(index.id("bce"), index.id("ce"));
    }

    @Test
    void theRealTableFindsEachOfItsPhrasesInAText() {
        List<String> phrases = new ArrayList<>();
        for (Rule rule : RuleTable.defaults().rules()) {
            phrases.addAll(rule.phrases());
        }
        PhraseIndex index = new PhraseIndex(phrases);

        for (String phrase : phrases) {
            BitSet present = index.scan("the server said: " + phrase + " (and more)");

            assertThat(present.get(index.id(phrase))).as(phrase).isTrue();
            assertThat(present.stream().mapToObj(id -> phrases.stream().filter(p -> index.id(p) == id).findFirst().orElseThrow()))
                .as("every phrase found occurs").allMatch(p -> ("the server said: " + phrase + " (and more)").contains(p));
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
