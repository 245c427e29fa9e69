package io.jamesbounce.james.extension;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.Treatment;
import io.jamesbounce.core.verp.VerpScheme;

/**
 * What {@code conf/bounces.properties} says; every key optional except {@code postgres.url} for the
 * PostgreSQL backend. Unknown keys and bad values fail James' start-up, naming the key and value.
 * See {@code conf-samples/bounces-*.properties} for the documented list.
 */
public record BounceSettings(PolicySettings policy, LocalPartMatching localPartMatching, Duration cacheStaleness,
                             int cacheSize, VerpScheme verp, Optional<Path> h2Directory, Optional<Postgres> postgres) {
    public static final String FILE_NAME = "bounces.properties";
    public static final Duration DEFAULT_CACHE_STALENESS = Duration.ofSeconds(30);
    public static final int DEFAULT_CACHE_SIZE = 100_000;
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final String TREATMENT_PREFIX = "policy.treatment.";
    private static final Set<String> KEYS = Set.of("policy.soft-streak", "policy.soft-lifetime", "policy.history-window",
        "address.local-part", "lookup.cache-staleness", "lookup.cache-size", "verp.prefix", "verp.delimiter", "verp.separator",
        "h2.directory", "postgres.url", "postgres.user", "postgres.password", "postgres.pool-size");

    /** Where the PostgreSQL backend connects. */
    public record Postgres(String url, String user, String password, int poolSize) {
        public Postgres {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Postgres[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    public BounceSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(localPartMatching, "localPartMatching");
        Objects.requireNonNull(cacheStaleness, "cacheStaleness");
        Objects.requireNonNull(verp, "verp");
        Objects.requireNonNull(h2Directory, "h2Directory");
        Objects.requireNonNull(postgres, "postgres");
    }

    public static BounceSettings defaults() {
        return from(new Properties());
    }

    /** Reads the file when it exists; defaults otherwise. */
    public static BounceSettings load(Path file) {
        if (!Files.exists(file)) {
            return defaults();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return from(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static BounceSettings from(Properties properties) {
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!KEYS.contains(key) && !key.startsWith(TREATMENT_PREFIX)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown + "; accepted: " + new TreeSet<>(KEYS) + " and "
                + TREATMENT_PREFIX + "<category>");
        }
        PolicySettings policy = PolicySettings.defaults();
        policy = duration(properties, "policy.soft-streak").map(policy::withSoftStreak).orElse(policy);
        policy = duration(properties, "policy.soft-lifetime").map(policy::withSoftLifetime).orElse(policy);
        policy = duration(properties, "policy.history-window").map(policy::withHistoryWindow).orElse(policy);
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(TREATMENT_PREFIX)) {
                String label = key.substring(TREATMENT_PREFIX.length());
                Category category = Category.fromLabel(label)
                    .orElseThrow(() -> new IllegalArgumentException(key + ": no category '" + label + "'"));
                policy = withTreatment(policy, key, category, treatment(key, value(properties, key).orElseThrow()));
            }
        }
        LocalPartMatching matching = value(properties, "address.local-part").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "case-insensitive" -> LocalPartMatching.CASE_INSENSITIVE;
            case "case-sensitive" -> LocalPartMatching.CASE_SENSITIVE;
            default -> throw new IllegalArgumentException("address.local-part: expected case-insensitive or case-sensitive, got '" + v + "'");
        }).orElse(LocalPartMatching.CASE_INSENSITIVE);
        Duration staleness = duration(properties, "lookup.cache-staleness").orElse(DEFAULT_CACHE_STALENESS);
        int cacheSize = integer(properties, "lookup.cache-size", 16).orElse(DEFAULT_CACHE_SIZE);
        VerpScheme verp;
        try {
            verp = new VerpScheme(value(properties, "verp.prefix").orElse(VerpScheme.DEFAULT.localPrefix()),
                character(properties, "verp.delimiter").orElse(VerpScheme.DEFAULT.delimiter()),
                character(properties, "verp.separator").orElse(VerpScheme.DEFAULT.separator()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verp.*: " + e.getMessage(), e);
        }
        Optional<Path> h2 = value(properties, "h2.directory").map(Path::of);
        Optional<Postgres> postgres = value(properties, "postgres.url").map(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("postgres.url: expected jdbc:postgresql://host:port/database, got '" + url + "'");
            }
            return new Postgres(url, value(properties, "postgres.user").orElse("james"),
                value(properties, "postgres.password").orElse(""), integer(properties, "postgres.pool-size", 1).orElse(10));
        });
        return new BounceSettings(policy, matching, staleness, cacheSize, verp, h2, postgres);
    }

    private static PolicySettings withTreatment(PolicySettings policy, String key, Category category, Treatment treatment) {
        try {
            return policy.withTreatment(category, treatment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static Treatment treatment(String key, String value) {
        String v = value.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Treatment t : Treatment.values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException(key + ": no treatment '" + value
            + "' (suppress-at-once, complaint, soft, count-against-domain, record-only, success)");
    }

    private static Optional<String> value(Properties properties, String key) {
        String v = properties.getProperty(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isBlank() && !key.equals("postgres.password")) {
            throw new IllegalArgumentException(key + " is present but empty");
        }
        return Optional.of(v.trim());
    }

    /** {@code 5d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 500ms}, or ISO-8601 ({@code P5D}, {@code PT12H}). */
    static Optional<Duration> duration(Properties properties, String key) {
        return value(properties, key).map(v -> {
            Matcher m = SHORT_DURATION.matcher(v.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + ": not a duration (5d, 12h, 30m, 45s, 500ms or ISO-8601): '" + v + "'");
            }
        });
    }

    private static Optional<Integer> integer(Properties properties, String key, int min) {
        return value(properties, key).map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n < min) {
                    throw new IllegalArgumentException(key + ": must be at least " + min + ", got '" + v + "'");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": not a whole number: '" + v + "'");
            }
        });
    }

    private static Optional<Character> character(Properties properties, String key) {
        return value(properties, key).map(v -> {
            if (v.length() != 1) {
                throw new IllegalArgumentException(key + ": expected one character, got '" + v + "'");
            }
            return v.charAt(0);
        });
    }
}
