package io.jamesbounce.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.mime.ReadLimits;

class FuzzCampaignTest {
    /** A decoder with a planted bug: an Error, which BounceAnalyzer does not catch, on a subject with "Z". */
    private static final Decoder PLANTED = new Decoder() {
        @Override
        public String name() {
            return "planted";
        }

        @Override
        public Optional<Decoded> decode(MailMessage message) {
            if (message.subject().contains("Z")) {
                // an Error the analyzer does not contain (it turns a StackOverflowError into a report)
                throw new AssertionError("planted");
            }
            return Optional.empty();
        }
    };

    @TempDir
    Path dir;

    @Test
    void aCampaignShouldFindMinimiseAndSaveACrasher() throws Exception {
        BounceAnalyzer analyzer = new BounceAnalyzer(ReadLimits.DEFAULT, List.of(PLANTED), Classifier.withDefaultRules(), Optional.empty());
        List<Seed> seeds = List.of(new Seed("a.eml", "Subject: Zebra\r\nFrom: a@b.c\r\n\r\nhello there\r\n".getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FuzzCampaign.Settings settings = new FuzzCampaign.Settings(300, 60, 1, 100, 10_000, 64 * 1024, 3,
            dir.resolve("regressions"), dir.resolve("work"));

        FuzzCampaign.Summary summary = new FuzzCampaign(settings, seeds, analyzer, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        summary.print(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(summary.inputs()).isEqualTo(300);
        assertThat(summary.crashers()).isEqualTo(1);
        assertThat(summary.findings().get(0).signature()).startsWith("java.lang.AssertionError at ");
        try (var files = Files.list(dir.resolve("regressions"))) {
            Path saved = files.filter(p -> p.toString().endsWith(".eml")).findFirst().orElseThrow();
            assertThat(Files.readString(saved, StandardCharsets.ISO_8859_1)).contains("Z").hasSizeLessThan(20);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("inputs/s", "max ", "heap high-water", "crashers found: 1");
    }
}
