package io.jamesbounce.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A James 3.8.1 working folder ({@code conf/}, {@code extensions-jars/}, {@code var/}) configured from
 * {@code conf-samples/} as an operator would: {@code mailetcontainer.xml}, {@code extensions.properties}
 * and {@code bounces-*.properties} copied, with only ports, paths and the loopback gateway substituted.
 * The server-wide files the samples do not cover (SMTP, WebAdmin, domains, DNS, repositories) come from
 * this module's {@code james38-conf/}: loopback only.
 */
public final class JamesWorkspace {
    private static final String[] SERVER_FILES = {"smtpserver.xml", "webadmin.properties", "jmx.properties", "domainlist.xml",
        "dnsservice.xml", "usersrepository.xml", "mailrepositorystore.xml", "logback.xml"};
    /** A mailet element whose class or matcher is the extension's (mailets do not nest). */
    private static final Pattern EXTENSION_MAILET = Pattern.compile("<mailet [^>]*io\\.jamesbounce\\.[^>]*?(/>|>.*?</mailet>)", Pattern.DOTALL);
    private static final String EMBEDDED_MODULE = "io.jamesbounce.james.extension.EmbeddedStoreModule";
    private static final String POSTGRES_MODULE = "io.jamesbounce.james.extension.PostgresStoreModule";

    /** Where the PostgreSQL store is, for {@code bounces-postgres.properties}. */
    public record Postgres(String url, String user, String password, Optional<String> connectionTimeout) {
        public Postgres {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        }

        /** With the sample's {@code postgres.connection-timeout}. */
        public Postgres(String url, String user, String password) {
            this(url, user, password, Optional.empty());
        }
    }

    private final Path directory;
    private final Path extensionJar;
    private final int smtpPort;
    private final int webAdminPort;

    private JamesWorkspace(Path directory, Path extensionJar, int smtpPort, int webAdminPort) {
        this.directory = directory;
        this.extensionJar = extensionJar;
        this.smtpPort = smtpPort;
        this.webAdminPort = webAdminPort;
    }

    public static Builder builder(Path repositoryRoot, Path extensionJar, Path directory) {
        return new Builder(repositoryRoot, extensionJar, directory);
    }

    public Path directory() {
        return directory;
    }

    public Path extensionJar() {
        return extensionJar;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int webAdminPort() {
        return webAdminPort;
    }

    /** James' {@code var/}: the embedded store is {@code var/bounces/suppressions.mv.db}. */
    public Path varFolder() {
        return directory.resolve("var");
    }

    public Path log() {
        return directory.resolve("james.log");
    }

    public static final class Builder {
        private final Path repositoryRoot;
        private final Path extensionJar;
        private final Path directory;
        private int smtpPort;
        private int webAdminPort;
        private int gatewayPort;
        private Optional<String> retryDelays = Optional.empty();
        private Optional<List<String>> retryLater = Optional.empty();
        private Optional<String> recheck = Optional.empty();
        private boolean processorMBeans = true;
        private Optional<Postgres> postgres = Optional.empty();
        private Optional<Path> routesJar = Optional.empty();
        private Optional<String> jwtPublicKeyPem = Optional.empty();
        private final List<String> extraSettings = new ArrayList<>();
        private boolean withExtension = true;

        private Builder(Path repositoryRoot, Path extensionJar, Path directory) {
            this.repositoryRoot = repositoryRoot;
            this.extensionJar = extensionJar;
            this.directory = directory;
        }

        public Builder smtpPort(int port) {
            this.smtpPort = port;
            return this;
        }

        public Builder webAdminPort(int port) {
            this.webAdminPort = port;
            return this;
        }

        /** RemoteDelivery relays everything to 127.0.0.1 on this port. */
        public Builder gatewayPort(int port) {
            this.gatewayPort = port;
            return this;
        }

        /** RemoteDelivery's {@code delayTime} instead of the sample's minutes, e.g. {@code 200, 200, 200}. */
        public Builder retryDelays(String delayTime) {
            this.retryDelays = Optional.of(delayTime);
            return this;
        }

        /** RetryLater's delays instead of the sample's (30s, 10m), e.g. {@code 1s} and {@code 2s}. */
        public Builder retryLater(String firstDelay, String maxDelay) {
            this.retryLater = Optional.of(List.of(firstDelay, maxDelay));
            return this;
        }

        /**
         * No JMX beans for the mailet processors ({@code enableJmx="false"}): a second server in the same
         * JVM would register the same names in the one platform MBean server.
         */
        public Builder withoutProcessorMBeans() {
            this.processorMBeans = false;
            return this;
        }

        /** WebAdmin with JWT authentication on, tokens checked against this public key (PEM). */
        public Builder webAdminJwt(String publicKeyPem) {
            this.jwtPublicKeyPem = Optional.of(publicKeyPem);
            return this;
        }

        /** ThrottleByDomainRate's {@code recheck} instead of the sample's 5m. */
        public Builder throttleRecheck(String recheck) {
            this.recheck = Optional.of(recheck);
            return this;
        }

        /** Lines appended to the sample's {@code bounces.properties}: a key set again there wins. */
        public Builder bounceSettings(String... lines) {
            extraSettings.addAll(List.of(lines));
            return this;
        }

        /**
         * The same server without the extension, to measure what it costs: the sample's mailet container
         * with every mailet the extension provides or matches for taken out, no extension module, no jar.
         */
        public Builder withoutExtension() {
            this.withExtension = false;
            return this;
        }

        /** The PostgreSQL store instead of the embedded one. */
        public Builder postgres(Postgres postgres) {
            this.postgres = Optional.of(postgres);
            return this;
        }

        /**
         * The WebAdmin routes jar beside the extension's, configured as {@code conf-samples/webadmin.properties}
         * says: its {@code extensions.routes} line.
         */
        public Builder webAdminRoutes(Path jar) {
            this.routesJar = Optional.of(jar);
            return this;
        }

        public JamesWorkspace build() {
            if (smtpPort <= 0 || webAdminPort <= 0 || gatewayPort <= 0) {
                throw new IllegalStateException("smtpPort, webAdminPort and gatewayPort are required");
            }
            if (withExtension && !Files.isRegularFile(extensionJar)) {
                throw new IllegalStateException("no extension jar at " + extensionJar + " (build it: mvn -B install -DskipTests)");
            }
            try {
                write();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the James folder " + directory, e);
            }
            return new JamesWorkspace(directory, extensionJar, smtpPort, webAdminPort);
        }

        private void write() throws IOException {
            Path conf = Files.createDirectories(directory.resolve("conf"));
            Path samples = repositoryRoot.resolve("conf-samples");
            for (String file : SERVER_FILES) {
                String text = resource("/james38-conf/" + file)
                    .replace("${smtp.port}", Integer.toString(smtpPort))
                    .replace("${webadmin.port}", Integer.toString(webAdminPort))
                    .replace("${working.directory}", directory.toAbsolutePath().toString());
                Files.writeString(conf.resolve(file), text);
            }

            String mailets = Files.readString(samples.resolve("mailetcontainer.xml"));
            mailets = replaceOnce(mailets, "<outgoingQueue>outgoing</outgoingQueue>",
                "<outgoingQueue>outgoing</outgoingQueue>\n                <gateway>127.0.0.1</gateway>\n"
                    + "                <gatewayPort>" + gatewayPort + "</gatewayPort>");
            if (retryLater.isPresent()) {
                mailets = mailets.replace("<firstDelay>30s</firstDelay>", "<firstDelay>" + retryLater.get().get(0) + "</firstDelay>")
                    .replace("<maxDelay>10m</maxDelay>", "<maxDelay>" + retryLater.get().get(1) + "</maxDelay>");
            }
            if (!processorMBeans) {
                // James reads the processors' default from <processors>, each processor's own from its element
                mailets = replaceOnce(mailets.replace("enableJmx=\"true\"", "enableJmx=\"false\""), "<processors>",
                    "<processors enableJmx=\"false\">");
            }
            if (recheck.isPresent()) {
                mailets = replaceOnce(mailets, "<recheck>5m</recheck>", "<recheck>" + recheck.get() + "</recheck>");
            }
            if (retryDelays.isPresent()) {
                mailets = mailets.replaceFirst("<delayTime>[^<]*</delayTime>", "<delayTime>" + retryDelays.get() + "</delayTime>");
            }
            if (!withExtension) {
                mailets = EXTENSION_MAILET.matcher(mailets).replaceAll("");
            }
            Files.writeString(conf.resolve("mailetcontainer.xml"), mailets);

            String extensions = Files.readString(samples.resolve("extensions.properties"));
            String bounces;
            if (postgres.isPresent()) {
                extensions = replaceOnce(extensions, "\nguice.extension.module=" + EMBEDDED_MODULE, "\n#guice.extension.module=" + EMBEDDED_MODULE);
                extensions = replaceOnce(extensions, "\n#guice.extension.module=" + POSTGRES_MODULE, "\nguice.extension.module=" + POSTGRES_MODULE);
                Postgres pg = postgres.get();
                bounces = Files.readString(samples.resolve("bounces-postgres.properties"))
                    .replaceFirst("(?m)^postgres\\.url=.*$", "postgres.url=" + pg.url())
                    .replaceFirst("(?m)^postgres\\.user=.*$", "postgres.user=" + pg.user())
                    .replaceFirst("(?m)^postgres\\.password=.*$", "postgres.password=" + pg.password())
                    .replaceFirst("(?m)^postgres\\.pool-size=.*$", "postgres.pool-size=4");
                if (pg.connectionTimeout().isPresent()) {
                    bounces = bounces.replaceFirst("(?m)^postgres\\.connection-timeout=.*$", "postgres.connection-timeout=" + pg.connectionTimeout().get());
                }
            } else {
                bounces = Files.readString(samples.resolve("bounces-embedded.properties"));
            }
            if (routesJar.isPresent()) {
                String routes = Files.readString(samples.resolve("webadmin.properties")).lines()
                    .filter(l -> l.startsWith("extensions.routes=")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("conf-samples/webadmin.properties has no extensions.routes"));
                Files.writeString(conf.resolve("webadmin.properties"),
                    Files.readString(conf.resolve("webadmin.properties")) + "\n" + routes + "\n");
            }
            if (jwtPublicKeyPem.isPresent()) {
                Files.writeString(conf.resolve("jwt_publickey"), jwtPublicKeyPem.get());
                Files.writeString(conf.resolve("webadmin.properties"), Files.readString(conf.resolve("webadmin.properties"))
                    + "\njwt.enabled=true\njwt.publickeypem.url=file://conf/jwt_publickey\n");
            }
            Files.writeString(conf.resolve("extensions.properties"), withExtension ? extensions : "");
            if (!extraSettings.isEmpty()) {
                bounces = bounces + "\n" + String.join("\n", extraSettings) + "\n";
            }
            Files.writeString(conf.resolve("bounces.properties"), bounces);

            Path jars = Files.createDirectories(directory.resolve("extensions-jars"));
            try (var old = Files.list(jars)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            if (withExtension) {
                Files.copy(extensionJar, jars.resolve(extensionJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            if (routesJar.isPresent()) {
                if (!Files.isRegularFile(routesJar.get())) {
                    throw new IllegalStateException("no WebAdmin routes jar at " + routesJar.get() + " (build it: mvn -B install -DskipTests)");
                }
                Files.copy(routesJar.get(), jars.resolve(routesJar.get().getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }

        private static String replaceOnce(String text, String target, String replacement) {
            int at = text.indexOf(target);
            if (at < 0 || text.indexOf(target, at + 1) >= 0) {
                throw new IllegalStateException("conf-samples changed: expected exactly one '" + target.strip() + "'");
            }
            return text.substring(0, at) + replacement + text.substring(at + target.length());
        }

        private static String resource(String name) throws IOException {
            try (InputStream in = JamesWorkspace.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("missing resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
