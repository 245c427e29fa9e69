package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.MemorySuppressionRepository;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.exchange.ImportRow;
import io.jamesbounce.store.exchange.RowReader;
import io.jamesbounce.store.exchange.SuppressionListFormat;

/**
 * {@code suppressions import --webadmin} against a stand-in of the WebAdmin import route that answers
 * as the real one does (its contract; the real route is exercised in {@code e2e-james38}).
 */
class WebAdminImportTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final MemorySuppressionRepository repository = new MemorySuppressionRepository();
    private final List<String> authorizations = new ArrayList<>();
    private final List<Integer> partSizes = new ArrayList<>();
    private final AtomicInteger failPart = new AtomicInteger(-1);
    private final AtomicInteger status = new AtomicInteger(500);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(WebAdminImport.ROUTE, this::importRoute);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void importRoute(HttpExchange exchange) throws IOException {
        authorizations.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse(""));
        int part = partSizes.size();
        List<Suppression> entries = new ArrayList<>();
        RowReader rows = SuppressionListFormat.CSV.reader(new InputStreamReader(exchange.getRequestBody(), StandardCharsets.UTF_8), LocalPartMatching.CASE_INSENSITIVE, CliRun.NOW);
        rows.forEachRemaining(r -> entries.add(((ImportRow.Accepted) r).suppression()));
        partSizes.add(entries.size());
        if (part == failPart.get()) {
            answer(exchange, status.get(), "{\"statusCode\":" + status.get() + ",\"type\":\"ServerError\",\"message\":\"store unavailable\"}");
            return;
        }
        long imported = repository.importSuppressions(entries.iterator());
        answer(exchange, 200, "{\"format\":\"csv\",\"read\":" + entries.size() + ",\"imported\":" + imported
            + ",\"alreadyPresent\":" + (entries.size() - imported) + ",\"rejected\":0,\"rejectedRows\":[],\"rejectedRowsTruncated\":false}");
    }

    private static void answer(HttpExchange exchange, int code, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Path csv(int rows) throws IOException {
        StringBuilder sb = new StringBuilder("address,category,source\n");
        for (int i = 0; i < rows; i++) {
            sb.append("user").append(i).append("@example.org,user-unknown,import\n");
        }
        Path file = dir.resolve("list.csv");
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void theListIsSentInPartsOfTheGivenSizeWithTheToken() throws Exception {
        Path file = csv(25);

        CliRun run = CliRun.withWebAdminToken("jwt-123", "suppressions", "import", "--webadmin", url(), "--part-rows", "10", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(partSizes).containsExactly(10, 10, 5);
        assertThat(authorizations).containsOnly("Bearer jwt-123");
        assertThat(ScanCommandTest.figures(run.out())).containsEntry("rows read", 25L).containsEntry("imported", 25L)
            .containsEntry("already present", 0L);
        assertThat(repository.find(AddressKey.of("user24@example.org"))).isPresent();
    }

    @Test
    void importingAgainImportsNothingTwice() throws Exception {
        Path file = csv(12);
        CliRun.suppressions("import", "--webadmin", url(), file.toString());

        CliRun again = CliRun.suppressions("import", "--webadmin", url(), file.toString());

        assertThat(ScanCommandTest.figures(again.out())).containsEntry("imported", 0L).containsEntry("already present", 12L);
        assertThat(authorizations).as("no token configured, none sent").containsOnly("");
    }

    @Test
    void aFailedPartSaysWhereTheImportStoppedAndWhatWasImported() throws Exception {
        Path file = csv(25);
        failPart.set(1);

        assertThat(CliRun.suppressions("import", "--webadmin", url(), "--part-rows", "10", file.toString()).failure())
            .contains("answered 500: store unavailable")
            .contains("the part ending at line 21 was not imported, 10 entries before it were");
        assertThat(repository.find(AddressKey.of("user9@example.org"))).isPresent();
        assertThat(repository.find(AddressKey.of("user10@example.org"))).isEmpty();
    }

    @Test
    void aJamesWithoutTheRoutesIsNamed() throws Exception {
        Path file = csv(3);
        failPart.set(0);
        status.set(404);

        assertThat(CliRun.suppressions("import", "--webadmin", url(), file.toString()).failure()).contains("404").contains("routes jar");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path file = csv(1);
        assertThat(CliRun.suppressions("import", "--webadmin", "ftp://x", file.toString()).usageError()).contains("http(s) URL");
        assertThat(CliRun.suppressions("import", "--webadmin", url(), "--h2", dir.toString(), file.toString()).usageError()).contains("not both");
        assertThat(CliRun.suppressions("import", "--h2", dir.toString(), "--part-rows", "5", file.toString()).usageError())
            .contains("--webadmin only");
    }
}
