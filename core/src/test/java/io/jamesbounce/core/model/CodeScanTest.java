package io.jamesbounce.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The codes found by scanning for where they can start are those the plain patterns find. */
class CodeScanTest {
    private static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d]|\\.\\d)");
    private static final Pattern AFTER_REPLY = Pattern.compile(
        "(?<![\\d.])[245][0-5][0-9][ -]['\"]?([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d]|\\.\\d)");
    private static final Pattern REPLY = Pattern.compile("(?<![\\d.\\-:/#])([245][0-5][0-9])(?:[ \\-]|$)(?![\\d]{2})", Pattern.MULTILINE);

    @Test
    void randomDiagnosticsGiveTheSameCodes() {
        String alphabet = "245019. -'\"#:/\nx";
        Random random = new Random(1893);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(24);
            for (int k = 0; k < length; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertThat(EnhancedStatus.find(text)).as(text).isEqualTo(status(STATUS, text));
            assertThat(ReplyCode.find(text)).as(text).isEqualTo(reply(text));
            Optional<EnhancedStatus> after = status(AFTER_REPLY, text);
            if (after.isPresent()) {
                assertThat(EnhancedStatus.findAfterReplyCode(text)).as(text).isEqualTo(after);
            }
        }
    }

    private static Optional<EnhancedStatus> status(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(new EnhancedStatus(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)))) : Optional.empty();
    }

    private static Optional<ReplyCode> reply(String text) {
        Matcher m = REPLY.matcher(text);
        List<ReplyCode> codes = new ArrayList<>();
        while (m.find()) {
            codes.add(new ReplyCode(Integer.parseInt(m.group(1))));
        }
        return codes.stream().filter(c -> c.statusClass() != 2).findFirst().or(() -> codes.stream().findFirst());
    }
}
