package io.jamesbounce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The javax build for James 3.8 (classifier james38): a jakarta name left over is silent at run
 * time (Guice 5 ignores {@code @jakarta.inject.Inject}), so no class or resource may still contain one.
 */
class James38JarIT {
    private static final byte[] JAKARTA = "jakarta".getBytes(StandardCharsets.US_ASCII);

    @Test
    void noJakartaNameIsLeftInTheJavaxJar() throws IOException {
        Path jar = Path.of(System.getProperty("extension.jar.james38"));
        assertThat(jar).exists();
        List<String> offending = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                // META-INF/maven/ holds the build's pom (it names the renames file); nothing loads it
                if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/maven/") && contains(file.getInputStream(entry).readAllBytes(), JAKARTA)) {
                    offending.add(entry.getName());
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void ourClassesInjectWithJavaxInject() throws IOException {
        Path jar = Path.of(System.getProperty("extension.jar.james38"));
        try (JarFile file = new JarFile(jar.toFile())) {
            byte[] mailet = file.getInputStream(file.getJarEntry("io/jamesbounce/james/mailets/RecordBounceReports.class")).readAllBytes();
            assertThat(contains(mailet, "javax/inject/Inject".getBytes(StandardCharsets.US_ASCII))).isTrue();
            assertThat(contains(mailet, "javax/mail/MessagingException".getBytes(StandardCharsets.US_ASCII))).isTrue();
        }
    }

    @Test
    void bundledDependenciesKeepTheMavenMetadataScannersRead() throws IOException {
        for (String property : List.of("extension.jar", "extension.jar.james38")) {
            try (JarFile file = new JarFile(Path.of(System.getProperty(property)).toFile())) {
                for (String artifact : List.of("com.h2database/h2", "org.postgresql/postgresql", "com.zaxxer/HikariCP",
                    "org.apache.commons/commons-csv", "commons-io/commons-io")) {
                    JarEntry pom = file.getJarEntry("META-INF/maven/" + artifact + "/pom.properties");
                    assertThat(pom).as(property + ": " + artifact).isNotNull();
                    assertThat(new String(file.getInputStream(pom).readAllBytes(), StandardCharsets.ISO_8859_1)).contains("version=");
                }
            }
        }
    }

    @Test
    void commonsCsvAndItsCommonsIoAreBundledRelocatedAndJacksonIsLeftToJames() throws IOException {
        for (String property : List.of("extension.jar", "extension.jar.james38")) {
            List<String> names = new ArrayList<>();
            try (JarFile file = new JarFile(Path.of(System.getProperty(property)).toFile())) {
                file.stream().map(JarEntry::getName).forEach(names::add);
            }
            assertThat(names).as(property).contains("io/jamesbounce/shaded/commons/csv/CSVFormat.class",
                    "io/jamesbounce/shaded/commons/io/input/UnsynchronizedBufferedReader.class")
                .noneMatch(name -> name.startsWith("org/apache/commons/csv/"))
                .noneMatch(name -> name.startsWith("org/apache/commons/io/"))
                .noneMatch(name -> name.startsWith("com/fasterxml/"));
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
