package io.jamesbounce.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.exchange.SuppressionListFormat;
import io.jamesbounce.store.exchange.SuppressionWriter;

/**
 * Imports into a running James through its WebAdmin route {@code POST /bounces/suppressions/import},
 * one part of at most {@code partRows} entries per request. James 3.8's WebAdmin reads every request
 * body whole before any route sees it (its request logger); parts keep that, and so James' heap,
 * bounded whatever the size of the list. An import is idempotent (entries already present are left
 * as they are), so a part sent again after a failure imports nothing twice.
 */
final class WebAdminImport {
    static final String TOKEN_VARIABLE = "BOUNCES_WEBADMIN_TOKEN";
    static final int DEFAULT_PART_ROWS = 10_000;
    static final String ROUTE = "/bounces/suppressions/import";
    private static final Pattern IMPORTED = Pattern.compile("\"imported\"\\s*:\\s*(\\d+)");
    private static final Pattern REJECTED = Pattern.compile("\"rejected\"\\s*:\\s*(\\d+)");
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI route;
    private final Optional<String> token;
    private final int partRows;

    WebAdminImport(URI webAdmin, Optional<String> token, int partRows) {
        String base = webAdmin.toString();
        this.route = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + ROUTE);
        this.token = Objects.requireNonNull(token, "token");
        if (partRows <= 0) {
            throw new IllegalArgumentException("partRows must be positive");
        }
        this.partRows = partRows;
    }

    int partRows() {
        return partRows;
    }

    /**
     * Sends one part as CSV. @return how many of its entries were new
     *
     * @throws IOException when WebAdmin cannot be reached or does not answer 200, or rejects a row the
     *                     local reader accepted (a different version of the route)
     */
    long importPart(List<Suppression> part) throws IOException {
        if (part.isEmpty()) {
            return 0;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.size() * 96);
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            SuppressionWriter writer = SuppressionListFormat.CSV.writer(out);
            for (Suppression s : part) {
                writer.write(s);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(route)
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "text/csv; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while WebAdmin imported a part", e);
        }
        String body = response.body();
        if (response.statusCode() != 200) {
            String message = first(MESSAGE, body).orElse(body.length() > 300 ? body.substring(0, 300) + "..." : body);
            throw new IOException("WebAdmin " + route + " answered " + response.statusCode() + ": " + message
                + (response.statusCode() == 404 ? " (is the bounces WebAdmin routes jar installed? see docs/webadmin.md)" : ""));
        }
        long rejected = first(REJECTED, body).map(Long::parseLong).orElse(0L);
        if (rejected > 0) {
            throw new IOException("WebAdmin rejected " + rejected + " row(s) this tool accepted: " + body);
        }
        return first(IMPORTED, body).map(Long::parseLong)
            .orElseThrow(() -> new IOException("WebAdmin's answer has no \"imported\" count: " + body));
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return route.toString();
    }
}
