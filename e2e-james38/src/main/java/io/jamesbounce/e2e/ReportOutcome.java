package io.jamesbounce.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What became of a report sent to the running server, read back from its WebAdmin: what
 * {@code scripts/run-james send-sample} tells the user, rather than promising a suppression the trust
 * check may (rightly) refuse. The recipients are taken from the sample's own fields: this is the demo's
 * view of a file it sent, not the engine's parser.
 */
public final class ReportOutcome {
    private static final Pattern RECIPIENT = Pattern.compile(
        "(?im)^(?:Final-Recipient:\\s*rfc822;|Original-Rcpt-To:)\\s*<?([^\\s<>;]+@[^\\s<>;]+)>?\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ReportOutcome() {
    }

    /** The recipients a DSN or ARF report names in its machine-readable fields, in order, once each. */
    public static List<String> recipientsOf(byte[] message) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = RECIPIENT.matcher(new String(message, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            found.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(found);
    }

    /** What the server knows of an address before a report is sent: its events and untrusted reports. */
    public record Before(Set<String> seen) {
    }

    public static Before before(int webAdminPort, String address) {
        return new Before(details(webAdminPort, address).map(ReportOutcome::entries).orElse(Set.of()));
    }

    /**
     * One sentence on what the server did for {@code address} since {@code before}, waiting up to
     * {@code wait} for it to record something new.
     */
    public static String describe(int webAdminPort, String address, Before before, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            Optional<JsonNode> details = details(webAdminPort, address);
            if (details.isPresent()) {
                Optional<String> sentence = sentence(details.get(), address, before);
                if (sentence.isPresent()) {
                    return sentence.get();
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return address + ": nothing new recorded within " + wait.toSeconds() + " s"
            + (before.seen().isEmpty() ? "; James' console says why (mail that is no report goes to bounce-unrecognised)"
                : "; a report already recorded is not recorded twice (James' console: outcome=duplicate)");
    }

    private static Set<String> entries(JsonNode details) {
        Set<String> keys = new LinkedHashSet<>();
        details.path("events").forEach(e -> keys.add(eventKey(e)));
        details.path("untrusted").forEach(u -> keys.add(untrustedKey(u)));
        return keys;
    }

    private static String eventKey(JsonNode event) {
        return "event " + event.path("reportKey").asText() + " " + event.path("occurredAt").asText() + " " + event.path("source").asText();
    }

    private static String untrustedKey(JsonNode untrusted) {
        return "untrusted " + untrusted.at("/event/reportKey").asText() + " " + untrusted.path("recordedAt").asText();
    }

    private static Optional<String> sentence(JsonNode details, String address, Before before) {
        for (JsonNode untrusted : details.path("untrusted")) {
            if (!before.seen().contains(untrustedKey(untrusted))) {
                return Optional.of(address + ": untrusted (" + untrusted.path("reason").asText() + ": " + untrusted.path("detail").asText()
                    + "), recorded as " + untrusted.at("/event/category").asText() + ", suppressed nothing");
            }
        }
        for (JsonNode event : details.path("events")) {
            if (!before.seen().contains(eventKey(event))) {
                String recorded = event.path("category").asText() + " " + event.path("status").asText("") + " (rule "
                    + event.path("rule").asText() + ")";
                return Optional.of(details.path("suppressed").asBoolean()
                    ? address + ": suppressed, " + details.at("/suppression/category").asText() + "; this report: " + recorded
                    : address + ": recorded as " + recorded + ", not suppressed");
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> details(int port, String address) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/bounces/suppressions/"
            + URLEncoder.encode(address, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@") + "?limit=1000");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
