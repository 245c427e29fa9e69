package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The WebAdmin routes behind James' own JWT authentication (issue #18): the audit names the token's
 * user whatever the caller types, over-long input is a 400 naming the field, an import over
 * {@code webadmin.import-max-bytes} is refused before it is read, and the domain list is paged.
 * Tokens are RS256, signed here with a key pair whose public half James is given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAdminJwtJamesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private KeyPair keys;
    private SmtpSink sink;
    private RunningJames james;

    @BeforeAll
    void boot() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
        sink = SmtpSink.start();
        JamesWorkspace workspace = JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), Files.createTempDirectory("james38-jwt-"))
            .bounceSettings("trust.mode=unchecked", "webadmin.import-max-bytes=2048", "rates.flush-interval=200ms")
            .webAdminRoutes(Path.of(System.getProperty("webadmin.routes.jar")))
            .webAdminJwt(pem)
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

    @Test
    void theAuditNamesTheTokensUserNotTheActorTheCallerTyped() throws Exception {
        HttpResponse<String> put = call("PUT", "/bounces/suppressions/mallory-target@example.org", token("alice@example.com"),
            "{\"category\":\"complaint\",\"reason\":\"asked by phone\",\"actor\":\"bob@example.com\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

        JsonNode details = JSON.readTree(call("GET", "/bounces/suppressions/mallory-target@example.org", token("carol@example.com"), "").body());

        assertThat(details.at("/audit/0/actor").asText()).isEqualTo("alice@example.com");
        assertThat(details.at("/audit/0/reason").asText()).isEqualTo("asked by phone");
    }

    @Test
    void withoutATokenNothingIsChanged() {
        assertThat(call("PUT", "/bounces/suppressions/nobody@example.org", null,
            "{\"category\":\"complaint\",\"reason\":\"r\",\"actor\":\"bob\"}").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/bounces/suppressions/nobody@example.org", null, "").statusCode()).isEqualTo(401);
    }

    @Test
    void overLongInputIsABadRequestNamingTheField() {
        String admin = token("alice@example.com");
        assertBadRequest(call("PUT", "/bounces/suppressions/" + "a".repeat(400) + "@example.org", admin,
            "{\"category\":\"complaint\",\"reason\":\"r\"}"), "address");
        assertBadRequest(call("PUT", "/bounces/allowlist/" + "d".repeat(300) + ".example", admin, "{\"reason\":\"r\"}"), "address or domain");
        assertBadRequest(call("PUT", "/bounces/suppressions/long-reason@example.org", admin,
            "{\"category\":\"complaint\",\"reason\":\"" + "r".repeat(5000) + "\"}"), "'reason'");
        assertBadRequest(call("DELETE", "/bounces/suppressions/long-reason@example.org?reason=" + "r".repeat(4001), admin, ""), "'reason'");
    }

    @Test
    void anImportOverTheCapIsRefusedBeforeItIsRead() {
        String csv = "address,category\r\n" + "someone@example.org,complaint\r\n".repeat(100);

        HttpResponse<String> refused = call("POST", "/bounces/suppressions/import", token("alice@example.com"), csv, "text/csv");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.body()).contains("webadmin.import-max-bytes");
    }

    @Test
    void theDomainListIsPaged() throws Exception {
        for (String domain : List.of("paged-a.example", "paged-b.example", "paged-c.example")) {
            SmtpClient.send(james.workspace().smtpPort(), "", List.of("bounces@bounce.example.com"),
                JamesServerScenarios.dsn("bounces@bounce.example.com", "x@" + domain, "<page-" + domain + "@mx>"));
        }
        String admin = token("alice@example.com");
        E2e.await("three domains in the figures", () -> call("GET", "/bounces/domains", admin, "").body().contains("paged-c.example"));

        JsonNode first = JSON.readTree(call("GET", "/bounces/domains?limit=2&after=paged", admin, "").body());
        JsonNode second = JSON.readTree(call("GET", "/bounces/domains?limit=2&after=" + first.get("next").asText(), admin, "").body());

        assertThat(first.get("domains")).extracting(d -> d.get("domain").asText()).containsExactly("paged-a.example", "paged-b.example");
        assertThat(second.get("domains")).extracting(d -> d.get("domain").asText()).startsWith("paged-c.example");
        assertThat(call("GET", "/bounces/domains?limit=0", admin, "").statusCode()).isEqualTo(400);
    }

    private static void assertBadRequest(HttpResponse<String> response, String naming) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(naming);
    }

    /** An RS256 token as James' JwtFilter accepts it: {@code sub} and {@code admin: true}. */
    private String token(String user) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(("{\"sub\":\"" + user + "\",\"admin\":true}").getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String body) {
        return call(method, path, token, body, "application/json");
    }

    private HttpResponse<String> call(String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.workspace().webAdminPort() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
