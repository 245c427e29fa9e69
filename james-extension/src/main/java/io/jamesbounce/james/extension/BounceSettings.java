package io.jamesbounce.james.extension;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.mime.ReadLimits;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.Treatment;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.core.trust.FeedbackLoopSources;
import io.jamesbounce.core.trust.SentMessageLog;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.core.verp.SignedVerpScheme;
import io.jamesbounce.core.verp.VerpKey;
import io.jamesbounce.core.verp.VerpKeys;
import io.jamesbounce.core.verp.VerpScheme;
import io.jamesbounce.james.common.LookupFailureMode;
import io.jamesbounce.store.ImportLimit;
import io.jamesbounce.store.Retention;

/**
 * What {@code conf/bounces.properties} says; every key optional except {@code postgres.url} for the
 * PostgreSQL backend. Unknown keys and bad values fail James' start-up, naming the key and value.
 * See {@code conf-samples/bounces-*.properties} for the documented list.
 */
public record BounceSettings(PolicySettings policy, LocalPartMatching localPartMatching, Duration cacheStaleness,
                             int cacheSize, LookupFailureMode lookupOnFailure, VerpScheme verp, Optional<Path> h2Directory,
                             Optional<Postgres> postgres, Rates rates, Optional<VerpSigning> verpSigning,
                             FeedbackLoopSources feedbackSources, RetentionSchedule retention, int maxRecipientsPerReport,
                             boolean uncheckedTrust, ReadLimits readLimits, ImportLimit importLimit,
                             Optional<Duration> prefilterRefresh) {
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceSettings.class);
    public static final String FILE_NAME = "bounces.properties";
    public static final Duration DEFAULT_CACHE_STALENESS = Duration.ofSeconds(30);
    public static final int DEFAULT_CACHE_SIZE = 100_000;
    public static final Duration DEFAULT_PREFILTER_REFRESH = Duration.ofSeconds(1);
    private static final String TREATMENT_PREFIX = "policy.treatment.";
    private static final Set<String> KEYS = Set.of("policy.soft-streak", "policy.soft-lifetime", "policy.history-window",
        "address.local-part", "lookup.cache-staleness", "lookup.cache-size", "lookup.on-failure", "lookup.prefilter", "lookup.prefilter-refresh", "verp.prefix", "verp.delimiter", "verp.separator",
        "verp.signing-key", "verp.previous-key", "verp.validity", "verp.bounce-domains",
        "trust.feedback.authserv-id", "trust.feedback.domains", "trust.feedback.addresses",
        "h2.directory", "postgres.url", "postgres.user", "postgres.password", "postgres.pool-size", "postgres.connection-timeout",
        "rates.bucket", "rates.flush-interval", "rates.evaluate-interval", "rates.short-window", "rates.rate-window",
        "rates.baseline-window", "rates.minimum-attempts", "rates.hard-warning", "rates.hard-bad", "rates.hard-critical",
        "rates.spike-multiplier", "rates.spike-floor", "rates.reputation-recipients", "rates.reputation-reporters", "rates.throttled-per-minute",
        "rates.critical-per-minute", "rates.throttle-burst", "rates.cool-down", "rates.release-grace", "rates.alerts",
        "retention.events", "retention.untrusted-events", "retention.interval", "trust.max-recipients-per-report",
        "trust.mode", "verp.key-rotation", "limits.message-bytes", "limits.mime-parts", "limits.header-field-bytes",
        "limits.header-fields", "webadmin.import-max-bytes");
    public static final Duration DEFAULT_EVALUATE_INTERVAL = Duration.ofMinutes(1);

    /** How long events are kept ({@code retention.*}) and how often this server purges what is older. */
    public record RetentionSchedule(Retention.Settings settings, Duration interval) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofHours(6);

        public RetentionSchedule {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("retention.interval must be positive: " + interval);
            }
        }
    }

    /**
     * Per-domain rate monitoring: the monitor's settings, how often the background task evaluates,
     * and whether this server mails the postmaster on each state change (one server of several).
     */
    public record Rates(RateSettings settings, Duration evaluateInterval, boolean alerts) {
        public Rates {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(evaluateInterval, "evaluateInterval");
            if (evaluateInterval.isNegative() || evaluateInterval.isZero()) {
                throw new IllegalArgumentException("rates.evaluate-interval must be positive: " + evaluateInterval);
            }
        }
    }

    /**
     * Where the PostgreSQL backend connects, and how long a store call waits for a connection before it
     * fails (the mail is then kept by James' {@code onMailetException}, see the sample mailetcontainer.xml).
     */
    public record Postgres(String url, String user, String password, int poolSize, Duration connectionTimeout) {
        public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
        /** HikariCP's floor. */
        public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

        public Postgres {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(connectionTimeout, "connectionTimeout");
            if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
                throw new IllegalArgumentException("postgres.connection-timeout: must be at least 250ms, got " + connectionTimeout);
            }
        }

        public Postgres(String url, String user, String password, int poolSize) {
            this(url, user, password, poolSize, DEFAULT_CONNECTION_TIMEOUT);
        }

        @Override
        public String toString() {
            return "Postgres[url=" + redacted(url) + ", user=" + user + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout + "]";
        }

        /** The URL as it may be logged: a password in it (user info or a {@code password=} parameter) hidden. */
        static String redacted(String url) {
            return url.replaceAll("(?i)([?&;](?:ssl)?password=)[^&;]*", "$1***").replaceAll("(//[^/:@]*):[^/@]*@", "$1:***@");
        }
    }

    /**
     * Signed return paths ({@link SignedVerpScheme}): the keys in force ({@code verp.signing-key}; empty:
     * generated at first start and kept in James' data folder, rotated every {@code keyRotation}), how long a
     * return path stays valid, and the bounce domains ours use (empty: any). The secrets never appear in
     * {@link #toString()}.
     */
    public record VerpSigning(Optional<VerpKeys> keys, Duration validity, Set<String> bounceDomains, Duration keyRotation) {
        public static final Duration DEFAULT_VALIDITY = Duration.ofDays(14);
        public static final Duration DEFAULT_KEY_ROTATION = Duration.ofDays(90);

        public VerpSigning {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(keyRotation, "keyRotation");
            bounceDomains = Set.copyOf(bounceDomains);
        }

        /** Whether the keys are the ones this server generates and keeps in its data folder (no {@code verp.signing-key}). */
        public boolean generatedKeys() {
            return keys.isEmpty();
        }
    }

    public BounceSettings {
        Objects.requireNonNull(verpSigning, "verpSigning");
        Objects.requireNonNull(feedbackSources, "feedbackSources");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(localPartMatching, "localPartMatching");
        Objects.requireNonNull(cacheStaleness, "cacheStaleness");
        Objects.requireNonNull(lookupOnFailure, "lookupOnFailure");
        Objects.requireNonNull(verp, "verp");
        Objects.requireNonNull(h2Directory, "h2Directory");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(prefilterRefresh, "prefilterRefresh");
    }

    public static BounceSettings defaults() {
        return from(new Properties());
    }

    /** The defaults, with the secrets the environment holds ({@link #withSecretsFrom}): no conf file at all. */
    public static BounceSettings fromEnvironment() {
        return from(withSecretsFrom(new Properties(), System.getenv()));
    }

    /** Reads the file when it exists; defaults otherwise. Secrets may come from the environment ({@link #withSecretsFrom}). */
    public static BounceSettings load(Path file) {
        return load(file, System.getenv());
    }

    static BounceSettings load(Path file, Map<String, String> environment) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            return from(withSecretsFrom(properties, environment));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The secrets ({@link #SECRET_KEYS}) taken from the environment when it holds them, so that they
     * need not be written in {@code conf/}: {@code BOUNCES_POSTGRES_PASSWORD} for {@code postgres.password}
     * (the key upper-cased, dots and dashes as underscores, {@code BOUNCES_} before), or
     * {@code BOUNCES_POSTGRES_PASSWORD_FILE} naming a file that holds it (Docker and Kubernetes secrets).
     * The environment wins over the file; which one was used is logged, never the value.
     */
    static Properties withSecretsFrom(Properties fromFile, Map<String, String> environment) {
        Properties merged = new Properties();
        merged.putAll(fromFile);
        for (String key : SECRET_KEYS) {
            String name = "BOUNCES_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            String direct = environment.get(name);
            String file = environment.get(name + "_FILE");
            if (direct != null && !direct.isBlank()) {
                merged.setProperty(key, direct.strip());
                LOGGER.info("{} from the environment ({})", key, name);
            } else if (file != null && !file.isBlank()) {
                try {
                    merged.setProperty(key, Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    throw new IllegalArgumentException(name + "_FILE: cannot read " + file + ": " + e.getMessage(), e);
                }
                LOGGER.info("{} from the file {} ({}_FILE)", key, file.strip(), name);
            }
        }
        return merged;
    }

    /** The settings that are secrets: never logged, and readable from the environment. */
    static final List<String> SECRET_KEYS = List.of("postgres.password", "verp.signing-key", "verp.previous-key");

    public static BounceSettings from(Properties file) {
        SettingsProperties properties = new SettingsProperties(file);
        List<String> unknown = new ArrayList<>();
        for (String key : properties.keys()) {
            if (!KEYS.contains(key) && !key.startsWith(TREATMENT_PREFIX)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown + "; accepted: " + new TreeSet<>(KEYS) + " and "
                + TREATMENT_PREFIX + "<category>");
        }
        PolicySettings policy = PolicySettings.defaults();
        policy = properties.duration("policy.soft-streak").map(policy::withSoftStreak).orElse(policy);
        policy = properties.duration("policy.soft-lifetime").map(policy::withSoftLifetime).orElse(policy);
        policy = properties.duration("policy.history-window").map(policy::withHistoryWindow).orElse(policy);
        for (String key : properties.keys()) {
            if (key.startsWith(TREATMENT_PREFIX)) {
                String label = key.substring(TREATMENT_PREFIX.length());
                Category category = Category.fromLabel(label)
                    .orElseThrow(() -> new IllegalArgumentException(key + ": no category '" + label + "'"));
                policy = withTreatment(policy, key, category, treatment(key, properties.value(key).orElseThrow()));
            }
        }
        LocalPartMatching matching = properties.value("address.local-part").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "case-insensitive" -> LocalPartMatching.CASE_INSENSITIVE;
            case "case-sensitive" -> LocalPartMatching.CASE_SENSITIVE;
            default -> throw new IllegalArgumentException("address.local-part: expected case-insensitive or case-sensitive, got '" + v + "'");
        }).orElse(LocalPartMatching.CASE_INSENSITIVE);
        Duration staleness = properties.duration("lookup.cache-staleness").orElse(DEFAULT_CACHE_STALENESS);
        int cacheSize = properties.integer("lookup.cache-size", 16).orElse(DEFAULT_CACHE_SIZE);
        LookupFailureMode onFailure = properties.value("lookup.on-failure").map(v -> LookupFailureMode.fromLabel(v)
                .orElseThrow(() -> new IllegalArgumentException("lookup.on-failure: expected defer or deliver, got '" + v + "'")))
            .orElse(LookupFailureMode.DEFER);
        boolean unchecked = properties.value("trust.mode").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "signed" -> false;
            case "unchecked" -> true;
            default -> throw new IllegalArgumentException("trust.mode: expected signed or unchecked, got '" + v + "'");
        }).orElse(false);
        Optional<VerpSigning> signing = verpSigning(properties, unchecked);
        VerpScheme verp;
        try {
            verp = new VerpScheme(properties.value("verp.prefix").orElse(VerpScheme.DEFAULT.localPrefix()),
                properties.character("verp.delimiter").orElse(VerpScheme.DEFAULT.delimiter()),
                properties.character("verp.separator").orElse(VerpScheme.DEFAULT.separator()));
            verp = signing.isPresent() ? verp.withSignatures() : verp;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verp.*: " + e.getMessage(), e);
        }
        Optional<Path> h2 = properties.value("h2.directory").map(Path::of);
        Optional<Postgres> postgres = properties.value("postgres.url").map(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("postgres.url: expected jdbc:postgresql://host:port/database, got '" + url + "'");
            }
            return new Postgres(url, properties.value("postgres.user").orElse("james"),
                properties.value("postgres.password").orElse(""), properties.integer("postgres.pool-size", 1).orElse(10),
                properties.duration("postgres.connection-timeout").orElse(Postgres.DEFAULT_CONNECTION_TIMEOUT));
        });
        return new BounceSettings(policy, matching, staleness, cacheSize, onFailure, verp, h2, postgres, rates(properties),
            signing, feedbackSources(properties), retention(properties, policy),
            properties.integer("trust.max-recipients-per-report", 1).orElse(TrustSettings.DEFAULT_MAX_RECIPIENTS_PER_REPORT), unchecked,
            readLimits(properties), new ImportLimit(properties.longValue("webadmin.import-max-bytes", 1024)
                .orElse(ImportLimit.DEFAULT.maxBytes())), prefilterRefresh(properties, staleness));
    }

    /**
     * How often the prefilter of suppressed addresses reads what other servers wrote ({@code lookup.prefilter},
     * on by default; {@code lookup.prefilter-refresh}); empty when it is off. It must refresh within the cache's
     * staleness, the delay the operator accepts for other servers' changes: with a staleness no longer than the
     * refresh (0 included), every lookup goes to the database, as the operator asked.
     */
    private static Optional<Duration> prefilterRefresh(SettingsProperties properties, Duration staleness) {
        boolean on = properties.bool("lookup.prefilter").orElse(true);
        Duration refresh = properties.duration("lookup.prefilter-refresh").orElse(DEFAULT_PREFILTER_REFRESH);
        if (refresh.isZero() || refresh.isNegative()) {
            throw new IllegalArgumentException("lookup.prefilter-refresh: must be positive, got '" + refresh + "'");
        }
        if (!on) {
            return Optional.empty();
        }
        if (refresh.compareTo(staleness) >= 0) {
            LOGGER.info("lookup prefilter off: lookup.prefilter-refresh {} is not shorter than lookup.cache-staleness {}", refresh, staleness);
            return Optional.empty();
        }
        return Optional.of(refresh);
    }

    /** How much of one message is read: past a limit, the report is unreadable with the reason ({@code limits.*}). */
    private static ReadLimits readLimits(SettingsProperties properties) {
        ReadLimits d = ReadLimits.DEFAULT;
        long messageBytes = properties.longValue("limits.message-bytes", 1024).orElse(d.maxBytes());
        return new ReadLimits(messageBytes, properties.integer("limits.mime-parts", 1).orElse(d.maxParts()), d.maxTextPerPart(),
            d.maxTextTotal(), d.maxDepth(), properties.integer("limits.header-field-bytes", 1000).orElse(d.maxHeaderField()),
            properties.integer("limits.header-fields", 10).orElse(d.maxHeaderFields()));
    }

    private static RetentionSchedule retention(SettingsProperties properties, PolicySettings policy) {
        Retention.Settings d = Retention.Settings.DEFAULT;
        Duration events = properties.duration("retention.events").orElse(d.events());
        if (events.compareTo(policy.historyWindow()) < 0) {
            throw new IllegalArgumentException("retention.events (" + events + ") must be at least policy.history-window ("
                + policy.historyWindow() + "): the policy reads that much history");
        }
        Retention.Settings settings;
        try {
            settings = new Retention.Settings(events, properties.duration("retention.untrusted-events").orElse(d.untrustedEvents()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retention.*: " + e.getMessage(), e);
        }
        return new RetentionSchedule(settings, properties.duration("retention.interval").orElse(RetentionSchedule.DEFAULT_INTERVAL));
    }

    /**
     * What proves a report genuine, per the {@code verp.*} signing keys and {@code trust.*} settings;
     * {@code generatedKeys} are the keys this server keeps when no {@code verp.signing-key} is set.
     */
    public TrustSettings trust(Clock clock, Optional<VerpKeys> generatedKeys, Optional<SentMessageLog> sent) {
        Optional<SignedVerpScheme> signed = verpSigning.map(s -> new SignedVerpScheme(verp.localPrefix(), verp.delimiter(),
            verp.separator(), s.bounceDomains(), s.keys().or(() -> generatedKeys).orElseThrow(() -> new IllegalStateException(
                "no verp.signing-key and no generated key: load them with VerpKeyFile")), s.validity(), clock));
        return new TrustSettings(signed, uncheckedTrust ? Optional.empty() : sent, feedbackSources, maxRecipientsPerReport);
    }

    /** {@link #trust(Clock, Optional, Optional)} without the memory of sent messages. */
    public TrustSettings trust(Clock clock, Optional<VerpKeys> generatedKeys) {
        return trust(clock, generatedKeys, Optional.empty());
    }

    /** {@link #trust(Clock, Optional)} with keys given in the settings (or none needed). */
    public TrustSettings trust(Clock clock) {
        return trust(clock, Optional.empty());
    }

    private static Optional<VerpSigning> verpSigning(SettingsProperties properties, boolean unchecked) {
        Optional<VerpKey> current = properties.value("verp.signing-key").map(v -> key("verp.signing-key", v));
        Optional<VerpKey> previous = properties.value("verp.previous-key").map(v -> key("verp.previous-key", v));
        if (unchecked) {
            for (String key : List.of("verp.signing-key", "verp.previous-key", "verp.validity", "verp.bounce-domains", "verp.key-rotation")) {
                if (properties.has(key)) {
                    throw new IllegalArgumentException(key + " contradicts trust.mode=unchecked: signed return paths are for checked trust");
                }
            }
            return Optional.empty();
        }
        if (current.isEmpty() && previous.isPresent()) {
            throw new IllegalArgumentException("verp.previous-key needs verp.signing-key");
        }
        Optional<VerpKeys> keys;
        try {
            keys = current.map(c -> new VerpKeys(c, previous));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verp.previous-key: " + e.getMessage(), e);
        }
        Duration validity = properties.duration("verp.validity").orElse(VerpSigning.DEFAULT_VALIDITY);
        if (validity.compareTo(Duration.ofDays(1)) < 0 || validity.toDays() > 3650) {
            throw new IllegalArgumentException("verp.validity: expected 1d to 3650d (the longest queue lifetime of the receivers, "
                + "plus late complaints), got '" + properties.value("verp.validity").orElseThrow() + "'");
        }
        Duration rotation = properties.duration("verp.key-rotation").orElse(VerpSigning.DEFAULT_KEY_ROTATION);
        if (rotation.compareTo(validity) <= 0) {
            throw new IllegalArgumentException("verp.key-rotation (" + rotation + ") must be longer than verp.validity (" + validity
                + "): a key retired at a rotation must still verify what it signed");
        }
        return Optional.of(new VerpSigning(keys, validity, properties.list("verp.bounce-domains"), rotation));
    }

    /** {@code <id>:<base64 secret>}; errors name the key and never quote the secret. */
    private static VerpKey key(String key, String value) {
        int colon = value.indexOf(':');
        if (colon != 1) {
            throw new IllegalArgumentException(key + ": expected <id>:<base64 secret>, the id one of a-z or 2-7 "
                + "(generate a secret with: openssl rand -base64 32)");
        }
        try {
            return VerpKey.fromBase64(value.charAt(0), value.substring(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static FeedbackLoopSources feedbackSources(SettingsProperties properties) {
        try {
            return new FeedbackLoopSources(properties.value("trust.feedback.authserv-id").orElse(""),
                properties.list("trust.feedback.domains"), properties.list("trust.feedback.addresses"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trust.feedback.domains: " + e.getMessage(), e);
        }
    }


    private static Rates rates(SettingsProperties properties) {
        RateSettings d = RateSettings.defaults();
        RateSettings settings;
        try {
            settings = new RateSettings(
                properties.duration("rates.bucket").orElse(d.bucket()),
                properties.duration("rates.flush-interval").orElse(d.flushInterval()),
                properties.duration("rates.short-window").orElse(d.shortWindow()),
                properties.duration("rates.rate-window").orElse(d.rateWindow()),
                properties.duration("rates.baseline-window").orElse(d.baselineWindow()),
                properties.integer("rates.minimum-attempts", 1).map(Integer::longValue).orElse(d.minimumAttempts()),
                properties.ratio("rates.hard-warning").orElse(d.hardWarning()),
                properties.ratio("rates.hard-bad").orElse(d.hardBad()),
                properties.ratio("rates.hard-critical").orElse(d.hardCritical()),
                properties.number("rates.spike-multiplier").orElse(d.spikeMultiplier()),
                properties.ratio("rates.spike-floor").orElse(d.spikeFloor()),
                properties.integer("rates.reputation-recipients", 2).map(Integer::longValue).orElse(d.reputationRecipients()),
                properties.integer("rates.reputation-reporters", 1).map(Integer::longValue).orElse(d.reputationReporters()),
                properties.integer("rates.throttled-per-minute", 1).orElse(d.throttledPerMinute()),
                properties.integer("rates.critical-per-minute", 1).orElse(d.criticalPerMinute()),
                properties.integer("rates.throttle-burst", 1).orElse(d.throttleBurst()),
                properties.duration("rates.cool-down").orElse(d.coolDown()),
                properties.duration("rates.release-grace").orElse(d.releaseGrace()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("rates.") ? e.getMessage() : "rates.*: " + e.getMessage(), e);
        }
        boolean alerts = properties.bool("rates.alerts").orElse(true);
        return new Rates(settings, properties.duration("rates.evaluate-interval").orElse(DEFAULT_EVALUATE_INTERVAL), alerts);
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





}
