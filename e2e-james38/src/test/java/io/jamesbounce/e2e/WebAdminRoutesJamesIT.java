package io.jamesbounce.e2e;

import static io.jamesbounce.e2e.E2e.await;
import static io.jamesbounce.e2e.E2e.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The WebAdmin routes over HTTP, served by the full James 3.8.1 server with the javax jar and the routes
 * jar in {@code extensions-jars/}, on the embedded store; one James for the whole class. The bulk import
 * and export stream {@code webadmin.bulk.size} rows (10,000 by default, 1,000,000 with
 * {@code -Dwebadmin.bulk.size=1000000}), generated on the fly into the request body, and print the time
 * and James' heap (this JVM's: James runs in it) before and after, after a GC, and the peak in between.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAdminRoutesJamesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private SmtpSink sink;
    private RunningJames james;
    private Path work;

    @BeforeAll
    void boot() throws Exception {
        sink = SmtpSink.start();
        work = Files.createTempDirectory("james38-webadmin-");
        JamesWorkspace workspace = JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), work)
            // these scenarios send reports to unsigned return paths: the secure default would keep them as untrusted
            .bounceSettings("trust.mode=unchecked")
            .webAdminRoutes(Path.of(System.getProperty("webadmin.routes.jar")))
            .smtpPort(E2e.freePort())
            .webAdminPort(E2e.freePort())
            .gatewayPort(sink.port())
            .build();
        james = RunningJames.start(workspace);
    }

    @AfterAll
    void shutdown() throws Exception {
        if (james != null) {
            james.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OneAddress {
        @Test
        void putThenGetShowsTheEntryAndItsAudit() throws Exception {
            Answer put = send("PUT", "/bounces/suppressions/Erin@Example.ORG",
                "{\"category\":\"user-unknown\",\"reason\":\"ticket 42\",\"actor\":\"ops@example.com\"}");
            assertThat(put.status()).isEqualTo(204);

            JsonNode details = get("/bounces/suppressions/erin@example.org").json();
            assertThat(details.get("address").asText()).isEqualTo("erin@example.org");
            assertThat(details.get("suppressed").asBoolean()).isTrue();
            assertThat(details.at("/suppression/category").asText()).isEqualTo("user-unknown");
            assertThat(details.at("/suppression/source").asText()).isEqualTo("manual");
            assertThat(details.at("/suppression/expiresAt").isNull()).isTrue();
            assertThat(details.at("/audit/0/action").asText()).isEqualTo("added");
            assertThat(details.at("/audit/0/actor").asText()).as("typed, WebAdmin unauthenticated").isEqualTo("ops@example.com (unauthenticated)");
            assertThat(details.at("/audit/0/reason").asText()).isEqualTo("ticket 42");
        }

        @Test
        void deleteLiftsTheEntryAndIsAudited() throws Exception {
            send("PUT", "/bounces/suppressions/frank@example.org", "{\"category\":\"complaint\",\"reason\":\"r\",\"actor\":\"a\"}");

            assertThat(send("DELETE", "/bounces/suppressions/frank@example.org?actor=ops&reason=" + enc("asked again, confirmed"), "").status())
                .isEqualTo(204);

            JsonNode details = get("/bounces/suppressions/frank@example.org").json();
            assertThat(details.get("suppressed").asBoolean()).isFalse();
            assertThat(details.get("suppression").isNull()).isTrue();
            assertThat(details.get("audit")).extracting(a -> a.get("action").asText()).containsExactly("added", "removed");
            assertThat(details.at("/audit/1/reason").asText()).isEqualTo("asked again, confirmed");
            assertThat(send("DELETE", "/bounces/suppressions/frank@example.org?actor=ops&reason=again", "").status()).isEqualTo(404);
        }

        @Test
        void aReportReceivedOverSmtpShowsItsEventWithTheVerbatimCodes() throws Exception {
            SmtpClient.send(james.workspace().smtpPort(), "", List.of("bounces+alice=example.org@bounce.example.com"),
                fixture("dsn-user-unknown.eml"));
            // the event is stored before the suppression it leads to: wait for both
            await("alice suppressed", () -> suppressedBy("alice@example.org").equals("dsn"));

            JsonNode details = get("/bounces/suppressions/alice@example.org").json();
            assertThat(details.at("/suppression/source").asText()).isEqualTo("dsn");
            assertThat(details.at("/events/0/replyCode").asText()).isEqualTo("550");
            assertThat(details.at("/events/0/status").asText()).isEqualTo("5.1.1");
            assertThat(details.at("/events/0/diagnostic").asText()).contains("550");
            assertThat(details.at("/events/0/category").asText()).isEqualTo("user-unknown");

            assertThat(details.get("limit").asInt()).isEqualTo(100);
            assertThat(details.get("moreEvents").asBoolean()).isFalse();
            assertThat(get("/bounces/suppressions/alice@example.org?limit=0").status()).as("a limit below 1").isEqualTo(400);

            JsonNode domains = get("/bounces/domains").json();
            assertThat(domains.get("source").asText()).isIn("events", "rate-monitor");
            // the fixture's report is dated 2025: outside the last week's event windows
            assertThat(domains.get("domains").isArray()).isTrue();
        }

        @Test
        void anOperatorCanReleaseADomainAndMustSayWhoAndWhy() throws Exception {
            Answer released = send("POST", "/bounces/domains/example.org/release?actor=ops&reason=reviewed", "");
            assertThat(released.status()).as(released.body()).isEqualTo(200);
            assertThat(released.json().get("domain").asText()).isEqualTo("example.org");
            // not throttled: nothing to lift, said so
            assertThat(released.json().get("released").asBoolean()).isFalse();

            assertBadRequest(send("POST", "/bounces/domains/example.org/release?actor=ops", ""), "'reason' is required");
        }

        @Test
        void unknownAddressIs404() throws Exception {
            Answer answer = get("/bounces/suppressions/nobody@example.org");
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("statusCode").asInt()).isEqualTo(404);
            assertThat(answer.json().get("type").asText()).isEqualTo("notFound");
        }

        @Test
        void badInputIs400NamingTheProblem() throws Exception {
            assertBadRequest(get("/bounces/suppressions/not-an-address"), "not-an-address");
            assertBadRequest(send("PUT", "/bounces/suppressions/x@example.org", "{\"category\":\"nonsense\",\"reason\":\"r\",\"actor\":\"a\"}"),
                "unknown category 'nonsense'");
            assertBadRequest(send("PUT", "/bounces/suppressions/x@example.org", "{\"category\":\"spam\",\"reason\":\"r\"}"), "'actor'");
            assertBadRequest(send("PUT", "/bounces/suppressions/x@example.org", "not json"), "not JSON");
            // curl -d without -H 'Content-Type: application/json' sends a form (issue #17)
            assertBadRequest(exchange(HttpRequest.newBuilder(uri("/bounces/suppressions/x@example.org"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"category\":\"spam\",\"reason\":\"r\",\"actor\":\"a\"}"))),
                "Content-Type: application/json");
            assertBadRequest(send("DELETE", "/bounces/suppressions/x@example.org?actor=ops", ""), "'reason'");
            assertBadRequest(get("/bounces/suppressions?from=yesterday"), "'from'");
            assertBadRequest(get("/bounces/suppressions?from=2025-03-02&to=2025-03-01"), "before");
            assertBadRequest(get("/bounces/suppressions?category=nope"), "unknown category");
            assertBadRequest(get("/bounces/suppressions?source=nope"), "unknown source");
            assertBadRequest(get("/bounces/suppressions?limit=0"), "'limit'");
            assertBadRequest(get("/bounces/suppressions/export?format=xml"), "unknown format");
            assertBadRequest(post("/bounces/suppressions/import", "text/plain", "x"), "Content-Type");
            assertBadRequest(post("/bounces/suppressions/import", "text/csv", "email,kind\r\n"), "address");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Search {
        @BeforeAll
        void entries() throws Exception {
            String csv = "address,category,source,suppressed_at\r\n"
                + "a1@search.example,user-unknown,import,2025-03-01T08:00:00Z\r\n"
                + "a2@search.example,complaint,import,2025-03-02T08:00:00Z\r\n"
                + "a3@search.example,user-unknown,import,2025-03-03T08:00:00Z\r\n"
                + "a4@search.example,user-unknown,import,2025-03-04T08:00:00Z\r\n"
                + "b1@other-search.example,user-unknown,import,2025-03-01T08:00:00Z\r\n";
            assertThat(post("/bounces/suppressions/import", "text/csv", csv).status()).isEqualTo(200);
        }

        @Test
        void filtersByDomainCategoryAndDateRange() throws Exception {
            assertThat(addresses(get("/bounces/suppressions?domain=search.example").json()))
                .containsExactly("a1@search.example", "a2@search.example", "a3@search.example", "a4@search.example");
            assertThat(addresses(get("/bounces/suppressions?domain=search.example&category=complaint").json()))
                .containsExactly("a2@search.example");
            assertThat(addresses(get("/bounces/suppressions?domain=search.example&from=2025-03-02&to=2025-03-04").json()))
                .containsExactly("a2@search.example", "a3@search.example");
            assertThat(addresses(get("/bounces/suppressions?domain=search.example&source=import&from=2025-03-04T00:00:00Z").json()))
                .containsExactly("a4@search.example");
            assertThat(addresses(get("/bounces/suppressions?address=B1@other-search.example").json()))
                .containsExactly("b1@other-search.example");
        }

        @Test
        void pagesFollowTheNextCursor() throws Exception {
            JsonNode first = get("/bounces/suppressions?domain=search.example&limit=3").json();
            assertThat(addresses(first)).containsExactly("a1@search.example", "a2@search.example", "a3@search.example");
            assertThat(first.get("next").asText()).isEqualTo("a3@search.example");
            JsonNode second = get("/bounces/suppressions?domain=search.example&limit=3&after=" + first.get("next").asText()).json();
            assertThat(addresses(second)).containsExactly("a4@search.example");
            assertThat(second.get("next").isNull()).isTrue();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Allowlist {
        @Test
        void addressesAndDomainsAreAddedListedAndRemoved() throws Exception {
            assertThat(send("PUT", "/bounces/allowlist/Postmaster@Partner.example?actor=ops&reason=role", "").status()).isEqualTo(204);
            assertThat(send("PUT", "/bounces/allowlist/partner2.example", "{\"actor\":\"ops\",\"reason\":\"partner\"}").status())
                .isEqualTo(204);

            assertThat(get("/bounces/allowlist").json().get("items")).extracting(i -> i.get("value").asText())
                .contains("postmaster@partner.example", "partner2.example");
            JsonNode firstPage = get("/bounces/allowlist?limit=1&after=partner").json();
            assertThat(firstPage.get("items")).extracting(i -> i.get("value").asText()).containsExactly("partner2.example");
            assertThat(get("/bounces/allowlist?limit=1&after=" + firstPage.get("next").asText()).json().get("items"))
                .extracting(i -> i.get("value").asText()).containsExactly("postmaster@partner.example");
            JsonNode domain = get("/bounces/allowlist/partner2.example").json();
            assertThat(domain.get("kind").asText()).isEqualTo("domain");
            assertThat(domain.get("actor").asText()).isEqualTo("ops (unauthenticated)");

            assertThat(send("DELETE", "/bounces/allowlist/partner2.example?actor=ops&reason=contract%20ended", "").status()).isEqualTo(204);
            assertThat(get("/bounces/allowlist/partner2.example").status()).isEqualTo(404);
            assertThat(send("DELETE", "/bounces/allowlist/partner2.example?actor=ops&reason=again", "").status()).isEqualTo(404);
        }

        @Test
        void aChangeWithoutActorOrReasonIs400() throws Exception {
            assertBadRequest(send("PUT", "/bounces/allowlist/x.example?actor=ops", ""), "'reason'");
            assertBadRequest(send("PUT", "/bounces/allowlist/%40example.org", "{\"actor\":\"ops\",\"reason\":\"r\"}"), "invalid");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ImportExport {
        @Test
        void jsonlImportAnswersWithCountsAndTheRejectedRowsByLine() throws Exception {
            String jsonl = "{\"address\":\"j1@jsonl.example\",\"category\":\"spam\"}\n"
                + "{\"address\":\"not an address\",\"category\":\"spam\"}\n"
                + "{\"address\":\"j2@jsonl.example\",\"category\":\"what\"}\n"
                + "{\"address\":\"j1@jsonl.example\",\"category\":\"spam\"}\n";
            JsonNode answer = post("/bounces/suppressions/import", "application/x-ndjson", jsonl).json();
            assertThat(answer.get("read").asLong()).isEqualTo(4);
            assertThat(answer.get("imported").asLong()).isEqualTo(1);
            assertThat(answer.get("alreadyPresent").asLong()).isEqualTo(1);
            assertThat(answer.get("rejected").asLong()).isEqualTo(2);
            assertThat(answer.get("rejectedRows")).extracting(r -> r.get("line").asLong()).containsExactly(2L, 3L);
            assertThat(answer.at("/rejectedRows/1/reason").asText()).contains("what");
        }

        @Test
        void aChunkedImportIsRefusedWithLengthRequired() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/bounces/suppressions/import"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(10))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(411);
            assertThat(JSON.readTree(response.body()).get("message").asText()).contains("Content-Length");
        }

        @Test
        void bulkImportAndExportAreStreamed() throws Exception {
            int rows = Integer.getInteger("webadmin.bulk.size", 10_000);
            long heapBefore = heapAfterGc();
            HeapPeak peak = HeapPeak.start();
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/bounces/suppressions/import"))
                .header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(30))
                // generated while sent; its length counted beforehand by generating it once (James 3.8 needs one)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(rows)), GeneratedCsv.length(rows)))
                .build(), HttpResponse.BodyHandlers.ofString());
            long importMs = (System.nanoTime() - start) / 1_000_000;
            long importPeak = peak.stop();
            long importLive = peak.maxAfterGc();
            long heapAfterImport = heapAfterGc();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get("read").asLong()).isEqualTo(rows + 2);
            assertThat(answer.get("imported").asLong()).isEqualTo(rows);
            assertThat(answer.get("rejected").asLong()).isEqualTo(2);
            assertThat(answer.get("rejectedRows")).extracting(r -> r.get("line").asLong())
                .containsExactly(GeneratedCsv.BAD_ADDRESS_LINE, GeneratedCsv.BAD_CATEGORY_LINE);

            peak = HeapPeak.start();
            start = System.nanoTime();
            HttpResponse<InputStream> export = HTTP.send(HttpRequest.newBuilder(uri("/bounces/suppressions/export?format=csv"))
                .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(export.headers().firstValue("Content-Length")).as("streamed, so chunked").isEmpty();
            long exported = 0;
            long checksum = 0;
            String header;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
                header = lines.readLine();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String address = line.substring(0, line.indexOf(','));
                    if (address.endsWith(GeneratedCsv.DOMAIN_SUFFIX)) {
                        exported++;
                        checksum += address.hashCode();
                    }
                }
            }
            long exportMs = (System.nanoTime() - start) / 1_000_000;
            long exportPeak = peak.stop();
            long exportLive = peak.maxAfterGc();
            long heapAfterExport = heapAfterGc();
            assertThat(header).startsWith("address,category,source,rule,suppressed_at");
            assertThat(exported).isEqualTo(rows);
            assertThat(checksum).isEqualTo(GeneratedCsv.checksum(rows));

            // JSONL too, counted only
            HttpResponse<InputStream> jsonl = HTTP.send(HttpRequest.newBuilder(uri("/bounces/suppressions/export?format=jsonl"))
                .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            long jsonlRows;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(jsonl.body(), StandardCharsets.UTF_8))) {
                jsonlRows = lines.lines().filter(l -> l.contains(GeneratedCsv.DOMAIN_SUFFIX + "\"")).count();
            }
            assertThat(jsonlRows).isEqualTo(rows);

            System.out.printf("E2E-JAMES38 WEBADMIN-BULK rows=%d import-ms=%d export-csv-ms=%d heap-mb before=%d "
                    + "peak-during-import=%d peak-after-gc-during-import=%s after-import=%d peak-during-export=%d "
                    + "peak-after-gc-during-export=%s after-export=%d max=%d%n",
                rows, importMs, exportMs, mb(heapBefore), mb(importPeak), afterGc(importLive), mb(heapAfterImport), mb(exportPeak),
                afterGc(exportLive), mb(heapAfterExport), mb(Runtime.getRuntime().maxMemory()));
        }
    }

    /**
     * The operator's tool against this James: {@code ./bounces suppressions import --webadmin}, which sends
     * the list in parts of 10,000 rows. James reads each request body whole before any route (see
     * {@code SuppressionRoutes#body}); parts bound that, so James' heap does not grow with the list.
     */
    @Nested
    class ImportInParts {
        @Test
        void theCommandLineToolImportsAListOfAnySizeInParts() throws Exception {
            int rows = Integer.getInteger("webadmin.bulk.size", 10_000);
            Path file = work.resolve("parts.csv");
            try (var out = new java.io.BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                out.write("address,category,source\n");
                for (int i = 0; i < rows; i++) {
                    out.write("part" + i + "@d" + (i % 1000) + ".parts.example,user-unknown,import\n");
                }
            }
            long heapBefore = heapAfterGc();
            HeapPeak peak = HeapPeak.start();
            long start = System.nanoTime();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("bounces.cli.jar"), "suppressions", "import",
                "--webadmin", "http://127.0.0.1:" + james.workspace().webAdminPort(), file.toString())
                .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            long importMs = (System.nanoTime() - start) / 1_000_000;
            long importPeak = peak.stop();
            long heapAfter = heapAfterGc();

            assertThat(exit).as(output).isZero();
            assertThat(output).containsPattern("imported\\s+" + rows + "\\b").containsPattern("rejected\\s+0\\b");
            assertThat(get("/bounces/suppressions/part" + (rows - 1) + "@d" + ((rows - 1) % 1000) + ".parts.example").status())
                .isEqualTo(200);
            System.out.printf("E2E-JAMES38 WEBADMIN-PARTS rows=%d file-mb=%d import-ms=%d heap-mb before=%d peak-during-import=%d "
                    + "peak-after-gc-during-import=%s (%d collections) after-import=%d max=%d%n", rows, mb(Files.size(file)), importMs,
                mb(heapBefore), mb(importPeak), afterGc(peak.maxAfterGc()), peak.collections(), mb(heapAfter), mb(Runtime.getRuntime().maxMemory()));
        }
    }

    // ---- HTTP

    @Test
    void jamesMetricsEndpointShowsTheExtensionsCounters() throws Exception {
        SmtpClient.send(james.workspace().smtpPort(), "", List.of("bounces@bounce.example.com"),
            JamesServerScenarios.dsn("bounces@bounce.example.com", "metrics@example.org", "<metrics-1@mx.example.org>"));
        List<String> counters = List.of("bounces_reports_received_bounce", "bounces_records_suppress", "bounces_events_recorded_source_dsn");

        // counted as the report is recorded, whatever other tests counted before
        E2e.await("the report's counters in /metrics " + counters, () -> counters.stream().allMatch(get("/metrics").body()::contains));

        assertThat(get("/metrics").status()).isEqualTo(200);
    }

    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + james.workspace().webAdminPort() + path);
    }

    /** The source of an address's suppression, "" while it has none. */
    private String suppressedBy(String address) {
        Answer answer = get("/bounces/suppressions/" + address);
        try {
            return answer.status() == 200 ? answer.json().at("/suppression/source").asText() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer get(String path) {
        return send("GET", path, "");
    }

    private Answer post(String path, String contentType, String body) {
        return exchange(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(String method, String path, String body) {
        return exchange(HttpRequest.newBuilder(uri(path)).method(method,
            body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Answer exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertBadRequest(Answer answer, String messagePart) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode json = answer.json();
        assertThat(json.get("statusCode").asInt()).isEqualTo(400);
        assertThat(json.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(json.get("message").asText()).contains(messagePart);
    }

    private static List<String> addresses(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("address").asText()));
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- heap

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** MB, or "none" when no collection ran during the measure. */
    private static String afterGc(long bytes) {
        return bytes < 0 ? "none" : Long.toString(mb(bytes));
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    /**
     * Two figures of James' heap while something runs: the highest used heap sampled every 20 ms,
     * garbage included (how much G1 lets pile up before it collects, which grows with the young
     * generation it chose, not with the work), and the highest heap left after a collection, from the
     * collector's own notifications: what the work kept alive, the figure that shows whether it is bounded.
     */
    private static final class HeapPeak {
        private static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).map(java.lang.management.MemoryPoolMXBean::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong max = new AtomicLong();
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();
        private final Thread thread;
        private final javax.management.NotificationListener listener = (notification, handback) -> {
            if (!notification.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                (javax.management.openmbean.CompositeData) notification.getUserData());
            // heap pools only: the map holds Metaspace and the code cache too
            long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> HEAP_POOLS.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
            maxAfterGc.accumulateAndGet(after, Math::max);
            collections.incrementAndGet();
        };

        private HeapPeak() {
            thread = new Thread(() -> {
                while (running.get()) {
                    max.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-peak");
            thread.setDaemon(true);
        }

        static HeapPeak start() {
            HeapPeak peak = new HeapPeak();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(peak.listener, null, null);
            }
            peak.thread.start();
            return peak;
        }

        /** @return the highest used heap sampled, garbage included */
        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((javax.management.NotificationEmitter) gc).removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
            return max.get();
        }

        /** The highest heap left after one of the collections seen, or -1 if none ran. */
        long maxAfterGc() {
            return collections.get() == 0 ? -1 : maxAfterGc.get();
        }

        long collections() {
            return collections.get();
        }
    }

    /**
     * A CSV of {@code rows} distinct addresses generated as it is read, plus two bad rows: nothing of it is
     * ever whole in memory on either side.
     */
    static final class GeneratedCsv extends InputStream {
        static final String DOMAIN_SUFFIX = ".bulk.example";
        static final long BAD_ADDRESS_LINE = 3;
        static final long BAD_CATEGORY_LINE = 5;
        private static final String[] CATEGORIES = {"user-unknown", "complaint", "bad-domain", "mailbox-disabled"};
        private final int rows;
        private int next;
        private long line = 1;
        private byte[] chunk = "address,category,source,suppressed_at\r\n".getBytes(StandardCharsets.US_ASCII);
        private int pos;

        GeneratedCsv(int rows) {
            this.rows = rows;
        }

        static String address(int i) {
            return "user" + i + "@d" + (i % 1000) + DOMAIN_SUFFIX;
        }

        static long length(int rows) {
            try (GeneratedCsv csv = new GeneratedCsv(rows)) {
                return csv.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static long checksum(int rows) {
            long sum = 0;
            for (int i = 0; i < rows; i++) {
                sum += address(i).hashCode();
            }
            return sum;
        }

        private boolean refill() {
            if (next >= rows) {
                return false;
            }
            line++;
            String row;
            if (line == BAD_ADDRESS_LINE) {
                row = "not-an-address,user-unknown,import,2025-03-01T08:00:00Z\r\n";
            } else if (line == BAD_CATEGORY_LINE) {
                row = "bad@category.example,no-such-category,import,2025-03-01T08:00:00Z\r\n";
            } else {
                row = address(next) + "," + CATEGORIES[next % CATEGORIES.length] + ",import,2025-03-01T08:00:00Z\r\n";
                next++;
            }
            chunk = row.getBytes(StandardCharsets.US_ASCII);
            pos = 0;
            return true;
        }

        @Override
        public int read() {
            if (pos == chunk.length && !refill()) {
                return -1;
            }
            return chunk[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                if (pos == chunk.length && !refill()) {
                    break;
                }
                int k = Math.min(len - n, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            return n == 0 ? -1 : n;
        }
    }
}
