package io.jamesbounce.james.extension;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.jamesbounce.core.Durations;

/**
 * The keys of {@code conf/bounces.properties} read as typed values: each present value trimmed and
 * checked, and every error naming its key and the value it got. An absent key is an empty Optional.
 */
final class SettingsProperties {
    private final Properties properties;

    SettingsProperties(Properties properties) {
        this.properties = properties;
    }

    /** The keys present, sorted. */
    SortedSet<String> keys() {
        return new TreeSet<>(properties.stringPropertyNames());
    }

    boolean has(String key) {
        return properties.containsKey(key);
    }

    /** A comma- or space-separated list, lower-cased. */
    Set<String> list(String key) {
        return value(key).map(v -> Arrays.stream(v.split("[,\\s]+")).filter(x -> !x.isEmpty())
            .map(x -> x.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** {@code 5%} or {@code 0.05}. */
    Optional<Double> ratio(String key) {
        return value(key).map(v -> {
            double n = v.endsWith("%") ? parseNumber(key, v.substring(0, v.length() - 1).trim()) / 100 : parseNumber(key, v);
            if (!(n > 0 && n <= 1)) {
                throw new IllegalArgumentException(key + ": expected a rate in (0, 1] or (0 %, 100 %], got '" + v + "'");
            }
            return n;
        });
    }

    Optional<Double> number(String key) {
        return value(key).map(v -> parseNumber(key, v));
    }

    private static double parseNumber(String key, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: '" + v + "'");
        }
    }

    Optional<String> value(String key) {
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
    Optional<Duration> duration(String key) {
        return value(key).map(v -> Durations.parse(v).orElseThrow(() ->
            new IllegalArgumentException(key + ": not a duration (" + Durations.FORMS + "): '" + v + "'")));
    }

    Optional<Long> longValue(String key, long min) {
        return value(key).map(v -> {
            try {
                long n = Long.parseLong(v);
                if (n < min) {
                    throw new IllegalArgumentException(key + ": must be at least " + min + ", got '" + v + "'");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": not a whole number: '" + v + "'");
            }
        });
    }

    Optional<Integer> integer(String key, int min) {
        return longValue(key, min).map(n -> {
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(key + ": not a whole number: '" + value(key).orElseThrow() + "'");
            }
            return n.intValue();
        });
    }

    /** {@code true} or {@code false}, in any case. */
    Optional<Boolean> bool(String key) {
        return value(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + ": expected true or false, got '" + v + "'");
        });
    }

    Optional<Character> character(String key) {
        return value(key).map(v -> {
            if (v.length() != 1) {
                throw new IllegalArgumentException(key + ": expected one character, got '" + v + "'");
            }
            return v.charAt(0);
        });
    }
}
