package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The postmaster's dashboard ({@code GET /bounces/dashboard}) of a full James 3.8.1 server, opened in
 * headless Chromium: traffic throttles one domain, addresses are suppressed in three categories (a DSN,
 * a complaint, by hand), and the rendered page must show the domain throttled with its rate, the three
 * categories with their counts, find a suppressed address with its history, and report no error. The
 * screenshot is kept in {@code target/dashboard.png}.
 *
 * <p>Skipped where the machine has no Chromium, unless {@code BOUNCES_REQUIRE_CHROMIUM} is set
 * ({@code .ci/run} installs Debian's package and sets it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardJamesIT {
    private static final String[] FAST_MONITOR = {"trust.mode=unchecked", "rates.flush-interval=200ms", "rates.evaluate-interval=300ms"};
    private static final String DOMAIN = "throttled.example";
    private SmtpSink sink;
    private RunningJames james;

    @BeforeAll
    void boot() throws Exception {
        boolean required = System.getenv("BOUNCES_REQUIRE_CHROMIUM") != null;
        if (!required) {
            assumeThat(HeadlessChromium.installed()).as("Debian's chromium (apt-get install chromium)").isPresent();
        }
        sink = SmtpSink.start();
        JamesWorkspace workspace = JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), Files.createTempDirectory("james38-dashboard-"))
            .bounceSettings(FAST_MONITOR)
            .webAdminRoutes(Path.of(System.getProperty("webadmin.routes.jar")))
            .withoutProcessorMBeans()
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
    void thePageShowsTheThrottledDomainTheCategoriesAndFindsAnAddress() throws Exception {
        int smtp = james.workspace().smtpPort();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            recipients.add("u" + i + "@" + DOMAIN);
        }
        SmtpClient.send(smtp, JamesServerScenarios.NEWS, recipients, E2e.newsletter(JamesServerScenarios.NEWS, recipients, "News"));
        E2e.await("150 mails delivered", () -> sink.delivered().stream().filter(r -> r.endsWith("@" + DOMAIN)).count() == 150);
        // 9 of 150 bounce for good: 6 %, over the 5 % that throttles, under the 10 % that is critical
        for (int i = 0; i < 9; i++) {
            String returnPath = "bounces+u" + i + "=" + DOMAIN + "@bounce.example.com";
            SmtpClient.send(smtp, "", List.of(returnPath), JamesServerScenarios.dsn(returnPath, "u" + i + "@" + DOMAIN,
                "<dash-" + i + "@mx." + DOMAIN + ">"));
        }
        SmtpClient.send(smtp, "fbl-reports@isp.example.net", List.of("fbl@example.com"), E2e.fixture("arf-abuse.eml"));
        String w = "http://127.0.0.1:" + james.workspace().webAdminPort();
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(w + "/bounces/suppressions/erin@example.net"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"category\":\"mailbox-disabled\",\"actor\":\"ops\",\"reason\":\"closed account\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        E2e.await("nine hard bounces and a complaint recorded", () -> james.store().suppressions().size() == 11);
        E2e.await(DOMAIN + " throttled", () -> james.domainState(DOMAIN).equals("THROTTLED"));
        // each report read once: the matcher's reading serves the mailet after it (9 DSNs and a complaint)
        assertThat(james.analyzerReadingsSaved()).as("readings the matchers' reports saved the mailets").isGreaterThanOrEqualTo(10);

        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.installed().orElseThrow(), 1280, 1600)) {
            browser.navigate(w + "/bounces/dashboard");

            JsonNode domain = browser.evaluate("(() => { const c = document.querySelector('article.domain[data-domain=\"" + DOMAIN + "\"]');"
                + " return c && {badge: c.querySelector('.badge').textContent, state: c.querySelector('.state').textContent}; })()");
            assertThat(domain.path("badge").asText()).isEqualTo("Throttled");
            assertThat(domain.path("state").asText()).contains("hard-bounce rate 6.00%").contains("(9 of 150 attempts)");
            JsonNode categories = browser.evaluate("Object.fromEntries([...document.querySelectorAll('#by-category tr[data-category]')]"
                + ".map(r => [r.dataset.category, Number(r.cells[1].textContent)]))");
            assertThat(categories.path("user-unknown").asInt()).isEqualTo(9);
            assertThat(categories.path("complaint").asInt()).isEqualTo(1);
            assertThat(categories.path("mailbox-disabled").asInt()).isEqualTo(1);
            // times are shown in the viewer's zone: no raw UTC stamp left
            assertThat(browser.evaluate("[...document.querySelectorAll('time')].every(t => !t.textContent.endsWith(' UTC'))").asBoolean())
                .isTrue();

            browser.evaluate("document.getElementById('q').value = 'u3@" + DOMAIN + "';"
                + " document.getElementById('search').requestSubmit(); true");
            browser.awaitTrue("the search shows u3's history", "document.querySelector('#results h3') !== null"
                + " && document.querySelector('#results h3').textContent.includes('u3@" + DOMAIN + ": suppressed')");
            String history = browser.evaluate("document.getElementById('results').textContent").asText();
            assertThat(history).contains("user-unknown").contains("5.1.1");

            browser.screenshot(Path.of("target", "dashboard.png"));

            // a domain leads to its addresses, an address to its history
            browser.evaluate("document.getElementById('q').value = '" + DOMAIN + "'; document.getElementById('search').requestSubmit(); true");
            browser.awaitTrue("the domain's addresses listed", "document.querySelectorAll('#results td.link').length === 9");
            browser.evaluate("[...document.querySelectorAll('#results td.link')].find(td => td.textContent === 'u5@" + DOMAIN + "').click(); true");
            browser.awaitTrue("u5's history", "(document.querySelector('#results h3') || {textContent: ''}).textContent"
                + ".includes('u5@" + DOMAIN + ": suppressed')");

            // on a phone: nothing wider than the screen but the tables, which scroll in their own box
            browser.viewport(390, 844, true);
            browser.navigate(w + "/bounces/dashboard");
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
                .as("the page fits a 390 px wide screen").isTrue();
            browser.screenshot(Path.of("target", "dashboard-phone.png"));
            assertThat(browser.errors()).as("errors the page reported").isEmpty();
            System.out.printf("E2E-JAMES38 DASHBOARD %s throttled, categories=%s, analyzer-readings-saved=%d, screenshot=%s%n", DOMAIN,
                categories, james.analyzerReadingsSaved(), Path.of("target", "dashboard.png").toAbsolutePath());
        }
    }
}
