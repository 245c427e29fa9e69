package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The working folders the harness writes, read without starting James. */
class JamesWorkspaceIT {
    private static final Pattern OPENING_MAILET = Pattern.compile("<mailet [^>]*>");

    @Test
    void withoutTheExtensionNoMailetNoModuleAndNoJarOfItRemain(@TempDir Path work) throws Exception {
        JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), work)
            .smtpPort(2525).webAdminPort(8000).gatewayPort(2526).withoutExtension().build();

        String mailets = Files.readString(work.resolve("conf/mailetcontainer.xml"));
        assertThat(OPENING_MAILET.matcher(mailets).results().map(m -> m.group()))
            .isNotEmpty()
            .noneMatch(tag -> tag.contains("io.jamesbounce"));
        assertThat(mailets).contains("class=\"RemoteDelivery\"", "<gatewayPort>2526</gatewayPort>", "class=\"DSNBounce\"");
        assertThat(Files.readString(work.resolve("conf/extensions.properties"))).isEmpty();
        try (var jars = Files.list(work.resolve("extensions-jars"))) {
            assertThat(jars).isEmpty();
        }
    }

    @Test
    void withTheExtensionItsMailetsModuleAndJarAreThere(@TempDir Path work) throws Exception {
        JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), work)
            .smtpPort(2525).webAdminPort(8000).gatewayPort(2526).build();

        assertThat(Files.readString(work.resolve("conf/mailetcontainer.xml")))
            .contains("io.jamesbounce.james.mailets.DropSuppressedRecipients", "io.jamesbounce.james.mailets.VerpReturnPath");
        assertThat(Files.readString(work.resolve("conf/extensions.properties"))).contains("io.jamesbounce.james.extension.EmbeddedStoreModule");
        assertThat(work.resolve("extensions-jars").resolve(E2e.extensionJar().getFileName())).isRegularFile();
    }
}
