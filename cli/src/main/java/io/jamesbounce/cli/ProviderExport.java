package io.jamesbounce.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jamesbounce.core.classify.Classification;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.exchange.SuppressionListFormat;
import io.jamesbounce.store.exchange.SuppressionWriter;

/**
 * The suppression lists of the providers people move from, read as the entries of our own import:
 * Amazon SES (the JSON of {@code list-suppressed-destinations} and {@code get-suppressed-destination}, and
 * the CSV and JSON lines of its bulk import), SendGrid (the CSV of its suppression pages and the JSON of
 * its v3 API: bounces, blocks, invalid emails, spam reports, unsubscribes), Mailgun (the CSV of its
 * bounce, complaint and unsubscribe imports and the JSON of its API) and Postmark (the JSON of its
 * suppression dump, or a CSV with the same columns). Columns are found by name, in any case and order.
 *
 * <p>Each provider's reason becomes one of our categories: a hard bounce keeps the category its own
 * reply text says (our classifier reads SendGrid's and Mailgun's replies), or {@code user-unknown}
 * when it says nothing more; a complaint, an unsubscribe or a manual suppression is
 * {@code complaint} (the recipient asked for no more mail). A block or a temporary failure is not
 * the address's fault: such a row is rejected, never suppressed. The provider's own words are kept,
 * verbatim, as the entry's diagnostic ({@code ses: BOUNCE}, {@code sendgrid bounce: 550 5.1.1 ...}).
 */
final class ProviderExport {
    enum Provider {
        SES, SENDGRID, MAILGUN, POSTMARK;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Provider> of(String label) {
            return Arrays.stream(values()).filter(p -> p.label().equalsIgnoreCase(label)).findFirst();
        }
    }

    /** What was read: our CSV for the usual import, and the rows that could not become entries. */
    record Converted(Provider provider, String csv, List<String> rejected, int read) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Classifier CLASSIFIER = Classifier.withDefaultRules();

    private ProviderExport() {
    }

    /** Reads {@code content} as {@code declared} says, or as its keys and columns show when it says nothing. */
    static Converted convert(byte[] content, Optional<Provider> declared, LocalPartMatching matching, Instant now)
        throws UsageException, IOException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String trimmed = text.strip();
        List<Entry> entries = new ArrayList<>();
        Provider provider;
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            provider = json(trimmed, declared, entries);
        } else {
            provider = csv(trimmed, declared, entries);
        }
        StringWriter out = new StringWriter();
        SuppressionWriter writer = SuppressionListFormat.CSV.writer(out);
        List<String> rejected = new ArrayList<>();
        for (Entry e : entries) {
            try {
                Optional<String> problem = e.problem();
                if (problem.isPresent()) {
                    rejected.add(e.where() + " " + e.address() + ": " + problem.get());
                    continue;
                }
                writer.write(new Suppression(AddressKey.of(e.address(), matching), e.category(), EventSource.IMPORT,
                    "import-" + provider.label(), e.at().orElse(now), Optional.empty(), Optional.empty(), e.reply(), e.status(),
                    Optional.of(e.diagnostic()), Optional.empty(), Optional.empty()));
            } catch (IllegalArgumentException failure) {
                rejected.add(e.where() + " " + e.address() + ": " + failure.getMessage());
            }
        }
        return new Converted(provider, out.toString(), rejected, entries.size());
    }

    /** One row of a provider's list, with what we make of it. */
    private record Entry(String where, String address, Category category, Optional<Instant> at, Optional<ReplyCode> reply,
                         Optional<EnhancedStatus> status, String diagnostic, Optional<String> problem) {
        static Entry of(String where, String address, Category category, Optional<Instant> at, String diagnostic) {
            return new Entry(where, address, category, at, Optional.empty(), Optional.empty(), diagnostic, Optional.empty());
        }

        static Entry rejected(String where, String address, String why) {
            return new Entry(where, address, Category.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.of(why));
        }
    }

    // ---- JSON

    private static Provider json(String text, Optional<Provider> declared, List<Entry> entries) throws UsageException, IOException {
        List<JsonNode> documents = new ArrayList<>();
        if (text.startsWith("{") && text.contains("\n{")) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    documents.add(JSON.readTree(line)); // JSON lines: SES's bulk import form
                }
            }
        } else {
            documents.add(JSON.readTree(text));
        }
        JsonNode first = documents.getFirst();
        Provider provider = declared.orElseGet(() -> first.has("SuppressedDestinationSummaries") || first.has("SuppressedDestination")
            || first.has("emailAddress") ? Provider.SES
            : first.has("Suppressions") ? Provider.POSTMARK
            : first.has("items") ? Provider.MAILGUN
            : first.isArray() ? Provider.SENDGRID : null);
        if (provider == null) {
            throw new UsageException("the JSON is no provider's suppression list we know: give --from ses|sendgrid|mailgun|postmark");
        }
        int n = 0;
        for (JsonNode document : documents) {
            for (JsonNode item : items(provider, document)) {
                n++;
                entries.add(entry(provider, "item " + n, fieldsOf(item)));
            }
        }
        return provider;
    }

    private static List<JsonNode> items(Provider provider, JsonNode document) throws UsageException {
        JsonNode list = switch (provider) {
            case SES -> document.has("SuppressedDestinationSummaries") ? document.get("SuppressedDestinationSummaries")
                : document.has("SuppressedDestination") ? JSON.createArrayNode().add(document.get("SuppressedDestination"))
                : JSON.createArrayNode().add(document);
            case POSTMARK -> document.path("Suppressions");
            case MAILGUN -> document.path("items");
            case SENDGRID -> document;
        };
        if (!list.isArray()) {
            throw new UsageException("the JSON has no list of " + provider.label() + " suppressions");
        }
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    /** An item's fields by lower-case name; arrays (Mailgun's tags) joined. */
    private static Map<String, String> fieldsOf(JsonNode item) {
        Map<String, String> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            String value = v.isArray() ? joined(v)
                : v.isNull() ? null : v.asText();
            if (value != null) {
                fields.put(f.getKey().toLowerCase(Locale.ROOT), value);
            }
        }
        return fields;
    }

    private static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(e -> parts.add(e.asText()));
        return String.join(" ", parts);
    }

    // ---- CSV

    private static Provider csv(String text, Optional<Provider> declared, List<Entry> entries) throws UsageException, IOException {
        String firstLine = text.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
        boolean header = firstLine.contains("email") || firstLine.contains("address");
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                throw new UsageException("the file holds no row");
            }
            List<String> names = header
                ? records.getFirst().stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList()
                : List.of("emailaddress", "reason"); // SES's bulk import CSV has no header: address, BOUNCE|COMPLAINT
            Provider provider = declared.orElseGet(() -> !header ? Provider.SES
                : names.contains("suppressionreason") ? Provider.POSTMARK
                : names.contains("email") ? Provider.SENDGRID
                : names.contains("address") ? Provider.MAILGUN : null);
            if (provider == null) {
                throw new UsageException("the CSV header names no provider's columns we know (" + String.join(",", names)
                    + "): give --from ses|sendgrid|mailgun|postmark");
            }
            for (int i = header ? 1 : 0; i < records.size(); i++) {
                CSVRecord record = records.get(i);
                Map<String, String> fields = new HashMap<>();
                for (int c = 0; c < names.size() && c < record.size(); c++) {
                    fields.put(names.get(c), record.get(c));
                }
                entries.add(entry(provider, "line " + record.getParser().getCurrentLineNumber(), fields));
            }
            return provider;
        }
    }

    // ---- reasons to categories

    private static Entry entry(Provider provider, String where, Map<String, String> f) {
        return switch (provider) {
            case SES -> ses(where, f);
            case SENDGRID -> sendGrid(where, f);
            case MAILGUN -> mailgun(where, f);
            case POSTMARK -> postmark(where, f);
        };
    }

    private static Entry ses(String where, Map<String, String> f) {
        String address = first(f, "emailaddress", "email_address", "email").orElse("");
        String reason = first(f, "reason").orElse("").strip().toUpperCase(Locale.ROOT);
        Optional<Instant> at = first(f, "lastupdatetime").flatMap(ProviderExport::instant);
        return switch (reason) {
            case "BOUNCE" -> Entry.of(where, address, Category.USER_UNKNOWN, at, "ses: BOUNCE");
            case "COMPLAINT" -> Entry.of(where, address, Category.COMPLAINT, at, "ses: COMPLAINT");
            default -> Entry.rejected(where, address, "unknown SES reason '" + reason + "' (BOUNCE or COMPLAINT)");
        };
    }

    /** Which list a row is from shows in its columns: spam reports name an ip, bounces and blocks a status. */
    private static Entry sendGrid(String where, Map<String, String> f) {
        String address = first(f, "email").orElse("");
        Optional<Instant> at = first(f, "created").flatMap(ProviderExport::instant);
        if (f.containsKey("ip")) {
            return Entry.of(where, address, Category.COMPLAINT, at, "sendgrid spam report from " + f.get("ip"));
        }
        Optional<String> reason = first(f, "reason");
        Optional<String> status = first(f, "status");
        if (reason.isEmpty() && status.isEmpty()) {
            return Entry.of(where, address, Category.COMPLAINT, at, "sendgrid unsubscribe");
        }
        String words = "sendgrid " + (status.isPresent() ? "bounce" : "invalid email") + ": " + reason.orElse("")
            + status.map(s -> " (status " + s + ")").orElse("");
        return bounce(where, address, at, status.flatMap(EnhancedStatus::parse), reason.flatMap(ReplyCode::find), reason.orElse(""), words);
    }

    private static Entry mailgun(String where, Map<String, String> f) {
        String address = first(f, "address").orElse("");
        Optional<Instant> at = first(f, "created_at").flatMap(ProviderExport::instant);
        if (f.containsKey("code") || f.containsKey("error")) {
            String error = first(f, "error").orElse("");
            Optional<ReplyCode> code = first(f, "code").flatMap(ReplyCode::parse);
            return bounce(where, address, at, EnhancedStatus.find(error), code, error,
                "mailgun bounce: " + first(f, "code").map(c -> c + " ").orElse("") + error);
        }
        if (f.containsKey("tags") || f.containsKey("tag")) {
            return Entry.of(where, address, Category.COMPLAINT, at, "mailgun unsubscribe: " + first(f, "tags", "tag").orElse("*"));
        }
        return Entry.of(where, address, Category.COMPLAINT, at, "mailgun complaint");
    }

    private static Entry postmark(String where, Map<String, String> f) {
        String address = first(f, "emailaddress", "email address", "email").orElse("");
        String reason = first(f, "suppressionreason", "reason").orElse("");
        String origin = first(f, "origin").orElse("");
        Optional<Instant> at = first(f, "createdat", "created at").flatMap(ProviderExport::instant);
        String words = "postmark: " + reason + (origin.isEmpty() ? "" : " (origin " + origin + ")");
        return switch (reason.toLowerCase(Locale.ROOT)) {
            case "hardbounce" -> Entry.of(where, address, Category.USER_UNKNOWN, at, words);
            case "spamcomplaint", "manualsuppression" -> Entry.of(where, address, Category.COMPLAINT, at, words);
            default -> Entry.rejected(where, address, "unknown Postmark reason '" + reason
                + "' (HardBounce, SpamComplaint or ManualSuppression)");
        };
    }

    /**
     * A provider's bounce, by what its reply says: a dead address keeps its category; the provider
     * listed it as a hard bounce, so a reply that says nothing more is {@code user-unknown}; a block, a
     * full mailbox or a temporary failure is no reason to suppress the address.
     */
    private static Entry bounce(String where, String address, Optional<Instant> at, Optional<EnhancedStatus> status,
                                Optional<ReplyCode> reply, String text, String words) {
        Classification c = CLASSIFIER.classify(status, reply, text);
        Category category = switch (c.category()) {
            case USER_UNKNOWN, MAILBOX_DISABLED, BAD_DOMAIN -> c.category();
            case UNKNOWN, SYSTEM_ERROR -> status.map(s -> s.toString().startsWith("4.")).orElse(false) ? null : Category.USER_UNKNOWN;
            default -> null;
        };
        if (category == null) {
            return Entry.rejected(where, address, "not suppressed: the provider's reason reads as " + c.category().label()
                + ", which is not the address's fault (" + words + ")");
        }
        return new Entry(where, address, category, at, reply, status, words, Optional.empty());
    }

    // ---- values

    private static Optional<String> first(Map<String, String> fields, String... names) {
        for (String n : names) {
            String v = fields.get(n);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
        }
        return Optional.empty();
    }

    /**
     * The time forms the providers write: Unix seconds (SendGrid, SES on the wire), ISO-8601 with an
     * offset (SES's CLI, Postmark), RFC 2822 (Mailgun, {@code UTC} too) and a bare date and time (taken as UTC).
     */
    static Optional<Instant> instant(String value) {
        String v = value.strip();
        try {
            if (v.matches("\\d{9,11}(\\.\\d+)?")) {
                return Optional.of(Instant.ofEpochMilli((long) (Double.parseDouble(v) * 1000)));
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                return Optional.of(v.endsWith("Z") ? Instant.parse(v) : OffsetDateTime.parse(v).toInstant());
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
                return Optional.of(LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
            }
            String rfc2822 = v.endsWith(" UTC") ? v.substring(0, v.length() - 4) + " GMT" : v;
            return Optional.of(ZonedDateTime.parse(rfc2822, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
