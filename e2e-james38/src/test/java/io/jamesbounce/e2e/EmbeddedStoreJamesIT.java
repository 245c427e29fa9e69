package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The full James 3.8.1 server with the javax jar on its embedded default store (H2 file under James'
 * {@code var/}), configured from {@code conf-samples/} as shipped. Last, James is stopped and the file
 * read on its own: what the server recorded is on disk.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStoreJamesIT extends JamesServerScenarios {

    @Override
    JamesWorkspace.Builder backend(JamesWorkspace.Builder builder) {
        return builder;
    }

    @Override
    String backendName() {
        return "embedded";
    }

    @Test
    @Order(1)
    void theJavaxJarIsLoadedFromExtensionsJarsWithItsEmbeddedStore() {
        assertThat(store.classLoader()).isNotSameAs(getClass().getClassLoader());
        assertThat(work.resolve("var/bounces/suppressions.mv.db")).exists();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theSuppressionsAreInTheH2FileAfterJamesStops() throws Exception {
        sendReports();
        james.close();
        james = null;
        try (ExtensionStore file = ExtensionStore.openEmbedded(E2e.extensionJar(), work.resolve("var"))) {
            assertThat(file.suppression("alice@example.org").orElseThrow()).containsEntry("category", "USER_UNKNOWN");
            assertThat(file.suppression("carol@isp.example.net").orElseThrow()).containsEntry("source", "ARF");
            assertThat(file.suppressions()).extracting(s -> s.get("address")).contains("alice@example.org", "dave@example.org");
        }
    }
}
