package io.jamesbounce.cli;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

import io.jamesbounce.core.Durations;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.exchange.SuppressionListFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the command line's words become the engine's values. A word that is not one reads as a usage
 * error naming the option and what it takes ({@code Invalid value for option '--category': ...}).
 */
final class Converters {
    private Converters() {
    }

    static final class Address implements ITypeConverter<AddressKey> {
        @Override
        public AddressKey convert(String value) {
            try {
                return AddressKey.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("bad address '" + value + "': " + e.getMessage());
            }
        }
    }

    static final class Domain implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return AddressKey.normaliseDomain(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("bad domain '" + value + "': " + e.getMessage());
            }
        }
    }

    static final class CategoryLabel implements ITypeConverter<Category> {
        @Override
        public Category convert(String value) {
            return Category.fromLabel(value).orElseThrow(() -> new TypeConversionException("unknown category " + value + " (known: "
                + String.join(", ", Arrays.stream(Category.values()).map(Category::label).toList()) + ")"));
        }
    }

    static final class SourceLabel implements ITypeConverter<EventSource> {
        @Override
        public EventSource convert(String value) {
            return EventSource.fromLabel(value).orElseThrow(() -> new TypeConversionException("unknown source " + value + " (known: "
                + String.join(", ", Arrays.stream(EventSource.values()).map(EventSource::label).toList()) + ")"));
        }
    }

    static final class ListFormat implements ITypeConverter<SuppressionListFormat> {
        @Override
        public SuppressionListFormat convert(String value) {
            return SuppressionListFormat.of(value).orElseThrow(() -> new TypeConversionException("unknown format " + value + " (csv or jsonl)"));
        }
    }

    /** A date (the start of that day, UTC) or an ISO-8601 time. */
    static final class Time implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException again) {
                    throw new TypeConversionException("a date (2025-03-01) or a time (2025-03-01T08:00:00Z), not " + value);
                }
            }
        }
    }

    /** 180d, 12h, or any duration a setting takes ({@link Durations}). */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value).filter(Duration::isPositive)
                .orElseThrow(() -> new TypeConversionException("a duration, e.g. 180d or 12h, not " + value));
        }
    }

    /** A provider's name, or {@code auto} (empty: the file says which). */
    static final class ProviderName implements ITypeConverter<Optional<ProviderExport.Provider>> {
        @Override
        public Optional<ProviderExport.Provider> convert(String value) {
            if (value.equalsIgnoreCase("auto")) {
                return Optional.empty();
            }
            return Optional.of(ProviderExport.Provider.of(value)
                .orElseThrow(() -> new TypeConversionException("ses, sendgrid, mailgun, postmark or auto, not " + value)));
        }
    }

    static final class WebAdminUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = URI.create(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // said below
            }
            throw new TypeConversionException("an http(s) URL such as http://127.0.0.1:8000, not '" + value + "'");
        }
    }
}
