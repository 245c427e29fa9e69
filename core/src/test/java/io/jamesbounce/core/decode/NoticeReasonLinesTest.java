package io.jamesbounce.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The generic decoder's two tests of a notice line, made cheap, against the searches they replace:
 * the reply-line pattern tried at every character, and the case-insensitive alternation of the
 * reason words.
 */
class NoticeReasonLinesTest {
    /** The reason words as the decoder looked for them before. */
    private static final Pattern REASON_WORDS = Pattern.compile(
        "(?i)(said:|reason:|error:|because|diagnostic|remote (server|host|mta)|smtp error|failed with|delay reason|"
            + "grund:|raison|motivo|причина|原因|理由)");

    @Test
    void everyLineOfTheFixturesIsJudgedAsTheFullSearchesJudgeIt() throws IOException {
        List<String> lines = fixtureLines();

        for (String line : lines) {
            assertSameAsFullSearches(line);
        }
        // the fixtures hold both kinds of line, and lines of neither
        assertThat(lines).hasSizeGreaterThan(10_000);
        assertThat(lines).anyMatch(GenericNoticeDecoder::isReplyLine).anyMatch(GenericNoticeDecoder::hasReasonWordsNearStart)
            .anyMatch(l -> !GenericNoticeDecoder.isReplyLine(l) && !GenericNoticeDecoder.hasReasonWordsNearStart(l));
    }

    @Test
    void randomLinesOfTheWordsPiecesAreJudgedAsTheFullSearchesJudgeThem() {
        Random random = new Random(20261208);
        String[] pieces = {"said:", "SAID:", "Reason:", "because", "BeCaUsE", "remote ", "server", "HOST", "mta", "smtp ", "error:",
            "failed with", "delay reason", "grund:", "raison", "motivo", "причина", "ПРИЧИНА", "原因", "理由", "<-- ", "<<<", ">>> ", "<", ">",
            "-", "550 ", "5.1.1", "4.7.0 ", "421-", " ", "  ", "x", "\t", "\u212a", "\u0130", "diagnostic", "DIAGNOSTIC"};
        int reply = 0;
        int reason = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int p = random.nextInt(40); p > 0; p--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            assertSameAsFullSearches(line.toString());
            reply += GenericNoticeDecoder.isReplyLine(line.toString()) ? 1 : 0;
            reason += GenericNoticeDecoder.hasReasonWordsNearStart(line.toString()) ? 1 : 0;
        }
        assertThat(reply).isBetween(1_000, 49_000);
        assertThat(reason).isBetween(1_000, 49_000);
    }

    private static void assertSameAsFullSearches(String line) {
        Matcher words = REASON_WORDS.matcher(line);
        assertThat(GenericNoticeDecoder.isReplyLine(line)).as("reply line: %s", line)
            .isEqualTo(GenericNoticeDecoder.REPLY_LINE.matcher(line).find());
        assertThat(GenericNoticeDecoder.hasReasonWordsNearStart(line)).as("reason words: %s", line)
            .isEqualTo(words.find() && words.start() < 80);
    }

    private static List<String> fixtureLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/fixtures"))) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    for (String line : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\r?\n")) {
                        lines.add(line.strip());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return lines;
    }
}
