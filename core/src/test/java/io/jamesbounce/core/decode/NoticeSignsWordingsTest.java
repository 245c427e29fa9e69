package io.jamesbounce.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jamesbounce.core.testing.RandomText;
import io.jamesbounce.core.text.AnchoredAlternation;

class NoticeSignsWordingsTest {
    static Stream<Pattern> wordings() {
        return Stream.of(NoticeSigns.SUBJECT, NoticeSigns.DAEMON, NoticeSigns.FAILURE_WORDS, NoticeSigns.CHALLENGE);
    }

    @ParameterizedTest
    @MethodSource("wordings")
    void theAnchoredSearchFindsWhatThePatternFinds(Pattern pattern) {
        AnchoredAlternation anchored = AnchoredAlternation.of(pattern);
        // the pattern's own words, in any case, with blanks, dashes and letters that nearly match
        String[] words = Arrays.stream(pattern.pattern().substring("(?i)(".length()).split("[()|?\\[\\]]+"))
            .filter(w -> !w.isEmpty()).toArray(String[]::new);
        String[] pieces = Stream.concat(Arrays.stream(words).flatMap(w -> Stream.of(w, w.toUpperCase(Locale.ROOT), w.substring(0, w.length() / 2))),
            Stream.of(" ", "-", "_", ".", "@", "é", "ó", "x", "\n")).toArray(String[]::new);
        int found = 0;
        for (int seed = 0; seed < 5_000; seed++) {
            String text = RandomText.of(new Random(seed), 6, pieces);
            boolean expected = pattern.matcher(text).find();

            assertThat(anchored.find(text, text.toLowerCase(Locale.ROOT))).as(text).isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        assertThat(found).isBetween(500, 4_500);
    }
}
