package io.jamesbounce.webadmin;

import static io.jamesbounce.webadmin.RouteRequests.badRequest;
import static io.jamesbounce.webadmin.RouteRequests.instant;
import static io.jamesbounce.webadmin.RouteRequests.intParam;
import static io.jamesbounce.webadmin.RouteRequests.jsonBody;
import static io.jamesbounce.webadmin.RouteRequests.noContent;
import static io.jamesbounce.webadmin.RouteRequests.notFound;
import static io.jamesbounce.webadmin.RouteRequests.param;
import static io.jamesbounce.webadmin.RouteRequests.parse;
import static io.jamesbounce.webadmin.RouteRequests.requiredText;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.ImportLimit;
import io.jamesbounce.store.SuppressionAuditTrail;
import io.jamesbounce.store.SuppressionDetails;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionPage;
import io.jamesbounce.store.SuppressionQuery;
import io.jamesbounce.store.SuppressionService;
import io.jamesbounce.store.UntrustedEvent;
import io.jamesbounce.store.UntrustedEventLog;
import io.jamesbounce.store.exchange.RowReader;
import io.jamesbounce.store.exchange.SuppressionImport;
import io.jamesbounce.store.exchange.SuppressionListFormat;
import io.jamesbounce.store.exchange.SuppressionWriter;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The suppression list over WebAdmin, {@code /bounces/suppressions}, and beside it the allowlist
 * ({@link AllowlistRoutes}, {@code /bounces/allowlist}). {@code webadmin.properties}:
 * {@code extensions.routes=io.jamesbounce.webadmin.SuppressionRoutes,io.jamesbounce.webadmin.DomainRoutes,io.jamesbounce.webadmin.DashboardRoutes}.
 * Manual changes go through {@link SuppressionService}, so they are audited and logged as the CLI's are.
 */
public class SuppressionRoutes implements Routes {
    public static final String BASE = "/bounces";
    public static final String SUPPRESSIONS = BASE + "/suppressions";
    public static final String IMPORT = SUPPRESSIONS + "/import";
    public static final String EXPORT = SUPPRESSIONS + "/export";
    public static final String ALLOWLIST = AllowlistRoutes.ALLOWLIST;
    public static final int DEFAULT_LIMIT = 100;
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");
    /** Rows per {@link SuppressionList#importSuppressions} call. */
    static final int IMPORT_BATCH = 1000;
    /** Rejected rows listed in an import's answer; the count covers them all. */
    static final int MAX_REJECTED_LISTED = 1000;

    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressionRoutes.class);
    private static final String ADDRESS = ":address";
    private static final List<String> JSONL_TYPES = List.of("application/x-ndjson", "application/ndjson",
        "application/jsonl", "application/x-jsonlines", "application/jsonlines");

    private final SuppressionList suppressions;
    private final BounceEventHistory events;
    private final SuppressionAuditTrail audit;
    private final Allowlist allowlist;
    private final UntrustedEventLog untrusted;
    private final SuppressionService service;
    private final LocalPartMatching matching;
    private final Clock clock;
    private ImportLimit importLimit = ImportLimit.DEFAULT;
    private final JsonTransformer json = new JsonTransformer();

    /** The import cap the extension configures; the default without it. */
    @com.google.inject.Inject(optional = true)
    void importLimit(ImportLimit limit) {
        this.importLimit = limit;
    }

    @Inject
    public SuppressionRoutes(SuppressionList suppressions, BounceEventHistory events, SuppressionAuditTrail audit, Allowlist allowlist,
                             UntrustedEventLog untrusted, SuppressionService service, LocalPartMatching matching, Clock clock) {
        this.suppressions = suppressions;
        this.events = events;
        this.audit = audit;
        this.allowlist = allowlist;
        this.untrusted = untrusted;
        this.service = service;
        this.matching = matching;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service spark) {
        // the fixed paths first: Spark matches in order, and "export" would otherwise be an :address
        spark.get(EXPORT, this::export);
        spark.post(IMPORT, this::importList, json);
        spark.get(SUPPRESSIONS, this::search, json);
        spark.get(SUPPRESSIONS + "/" + ADDRESS, this::details, json);
        spark.put(SUPPRESSIONS + "/" + ADDRESS, this::add);
        spark.delete(SUPPRESSIONS + "/" + ADDRESS, this::remove);
        new AllowlistRoutes(allowlist, matching, clock).define(spark, json);
    }

    // ---- suppressions

    private Object search(Request request, Response response) {
        Instant now = clock.instant();
        int limit = intParam(request, "limit", DEFAULT_LIMIT, 1, SuppressionQuery.MAX_LIMIT);
        Optional<String> address = param(request, "address");
        if (address.isPresent()) {
            // one address: the page holds its entry or nothing
            AddressKey key = address(address.get());
            List<Object> items = suppressions.find(key).<List<Object>>map(s -> List.of(ResponseBodies.suppression(s, now))).orElse(List.of());
            return ResponseBodies.object("items", items, "next", null);
        }
        SuppressionQuery query = SuppressionQuery.all(limit);
        Optional<String> domain = param(request, "domain");
        if (domain.isPresent()) {
            query = query.domain(parse("domain", domain.get(), AddressKey::normaliseDomain));
        }
        Optional<String> category = param(request, "category");
        if (category.isPresent()) {
            query = query.category(category(category.get()));
        }
        Optional<String> source = param(request, "source");
        if (source.isPresent()) {
            query = query.source(EventSource.fromLabel(source.get()).orElseThrow(() -> badRequest("unknown source '"
                + source.get() + "'; one of " + Arrays.stream(EventSource.values()).map(EventSource::label).toList())));
        }
        Optional<Instant> from = param(request, "from").map(v -> instant("from", v));
        Optional<Instant> to = param(request, "to").map(v -> instant("to", v));
        if (from.isPresent() || to.isPresent()) {
            Instant f = from.orElse(Instant.EPOCH);
            Instant t = to.orElse(FAR_FUTURE);
            if (!f.isBefore(t)) {
                throw badRequest("'from' must be before 'to': " + f + " / " + t);
            }
            query = query.between(f, t);
        }
        Optional<String> after = param(request, "after");
        if (after.isPresent()) {
            query = query.after(address(after.get()));
        }
        SuppressionPage page = suppressions.search(query);
        return ResponseBodies.object("items", page.items().stream().map(s -> ResponseBodies.suppression(s, now)).toList(),
            "next", page.next().map(AddressKey::value).orElse(null));
    }

    private Object details(Request request, Response response) {
        AddressKey address = address(request.params(ADDRESS));
        // bounded: an address's events are listed newest first up to the limit, one more read to say whether there are more
        int limit = intParam(request, "limit", DEFAULT_EVENT_LIMIT, 1, MAX_EVENT_LIMIT);
        SuppressionDetails read = SuppressionDetails.read(address, limit + 1, suppressions, events, audit);
        List<UntrustedEvent> allUntrusted = untrusted.events(address);
        if (read.suppression().isEmpty() && read.events().isEmpty() && read.audit().isEmpty() && allUntrusted.isEmpty()) {
            throw notFound(address.value() + " has no suppression, no event, no manual change and no untrusted report");
        }
        boolean moreEvents = read.events().size() > limit;
        SuppressionDetails details = new SuppressionDetails(address, read.suppression(),
            read.events().subList(moreEvents ? 1 : 0, read.events().size()), read.audit());
        List<UntrustedEvent> untrustedEvents = allUntrusted.subList(Math.max(0, allUntrusted.size() - limit), allUntrusted.size());
        Map<String, Object> json = ResponseBodies.details(details, untrustedEvents, clock.instant());
        json.put("limit", limit);
        json.put("moreEvents", moreEvents || allUntrusted.size() > limit);
        return json;
    }

    private Object add(Request request, Response response) {
        AddressKey address = address(request.params(ADDRESS));
        JsonNode body = jsonBody(request);
        Category category = category(requiredText(body, "category"));
        String actor = Actors.of(request, Optional.ofNullable(body.path("actor").textValue()));
        String reason = Actors.reason(Optional.ofNullable(body.path("reason").textValue()));
        service.suppressManually(address, category, actor, reason);
        return noContent(response);
    }

    private Object remove(Request request, Response response) {
        AddressKey address = address(request.params(ADDRESS));
        String actor = Actors.of(request, param(request, "actor"));
        String reason = Actors.reason(param(request, "reason"));
        if (!service.remove(address, actor, reason)) {
            throw notFound(address.value() + " is not on the suppression list");
        }
        return noContent(response);
    }

    // ---- import and export, streamed

    private Object importList(Request request, Response response) throws IOException {
        SuppressionListFormat format = importFormat(request);
        List<Object> rejectedRows = new ArrayList<>();
        InputStream in = body(request);
        RowReader rows;
        try {
            // bytes that are not UTF-8 become U+FFFD, and the codec rejects that record on its own line
            rows = format.reader(new InputStreamReader(in, StandardCharsets.UTF_8), matching, clock.instant());
        } catch (IOException e) {
            throw badRequest(e.getMessage());
        }
        SuppressionImport.Totals totals;
        try {
            totals = SuppressionImport.run(rows, IMPORT_BATCH, (batch, lastLine, importedBefore) ->
                suppressions.importSuppressions(batch.iterator()), (line, reason) -> {
                    if (rejectedRows.size() < MAX_REJECTED_LISTED) {
                        rejectedRows.add(ResponseBodies.object("line", line, "reason", reason));
                    }
                });
        } catch (SuppressionImport.ReadFailure e) {
            throw badRequest("reading line " + e.line() + " failed: " + e.getCause().getMessage() + "; " + e.imported()
                + " entries before it are imported");
        }
        LOGGER.info("suppressions imported format={} read={} imported={} already-present={} rejected={}",
            format.label(), totals.read(), totals.imported(), totals.alreadyPresent(), totals.rejected());
        return ResponseBodies.object("format", format.label(), "read", totals.read(), "imported", totals.imported(),
            "alreadyPresent", totals.alreadyPresent(), "rejected", totals.rejected(),
            "rejectedRows", rejectedRows, "rejectedRowsTruncated", totals.rejected() > rejectedRows.size());
    }

    private Object export(Request request, Response response) throws IOException {
        SuppressionListFormat format = param(request, "format").map(f -> SuppressionListFormat.of(f).orElseThrow(() ->
            badRequest("unknown format '" + f + "'; csv or jsonl"))).orElse(SuppressionListFormat.CSV);
        response.status(HttpStatus.OK_200);
        response.type(format == SuppressionListFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        response.header("Content-Disposition", "attachment; filename=\"suppressions." + format.label() + "\"");
        // straight to the servlet's stream, one entry at a time: the list is never held in memory
        Writer out = new BufferedWriter(new OutputStreamWriter(response.raw().getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        SuppressionWriter writer = format.writer(out);
        long[] count = {0};
        try {
            suppressions.forEachSuppression(s -> {
                try {
                    writer.write(s);
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            LOGGER.warn("suppression export aborted after {} entries: {}", count[0], e.getCause().toString());
            throw e.getCause();
        }
        out.flush();
        LOGGER.info("suppressions exported format={} entries={}", format.label(), count[0]);
        return "";
    }

    private SuppressionListFormat importFormat(Request request) {
        Optional<String> explicit = param(request, "format");
        if (explicit.isPresent()) {
            return SuppressionListFormat.of(explicit.get()).orElseThrow(() -> badRequest("unknown format '" + explicit.get() + "'; csv or jsonl"));
        }
        String type = Optional.ofNullable(request.contentType()).orElse("").toLowerCase(Locale.ROOT);
        String mime = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
        if (mime.equals("text/csv")) {
            return SuppressionListFormat.CSV;
        }
        if (JSONL_TYPES.contains(mime)) {
            return SuppressionListFormat.JSONL;
        }
        throw badRequest("Content-Type must be text/csv or application/x-ndjson (JSONL), or give ?format=csv|jsonl; got '"
            + type + "'");
    }

    /**
     * The request body. James 3.8.1's WebAdmin logs every request with its body (its
     * {@code LoggingRequestFilter} runs before any route and reads the body whole); an extension cannot
     * change that (its Guice modules live in a child injector), so the body is read from what Spark
     * kept. From there on the import streams: one record at a time through the codec, batches of
     * {@value #IMPORT_BATCH} into the store, never a list of entries.
     */
    private InputStream body(Request request) {
        long length = request.contentLength();
        if (length > importLimit.maxBytes()) {
            // refused by its announced length: not parsed (James' own request log has read it already)
            throw ErrorResponder.builder().statusCode(HttpStatus.PAYLOAD_TOO_LARGE_413).type(ErrorType.INVALID_ARGUMENT)
                .message("the list is " + length + " bytes, more than webadmin.import-max-bytes (" + importLimit.maxBytes()
                    + "): split it, or raise the setting").haltError();
        }
        byte[] body = request.bodyAsBytes();
        if (body.length > importLimit.maxBytes()) { // no Content-Length, or one past 2 GiB
            throw ErrorResponder.builder().statusCode(HttpStatus.PAYLOAD_TOO_LARGE_413).type(ErrorType.INVALID_ARGUMENT)
                .message("the list is " + body.length + " bytes, more than webadmin.import-max-bytes (" + importLimit.maxBytes()
                    + "): split it, or raise the setting").haltError();
        }
        String encoding = Optional.ofNullable(request.headers("Transfer-Encoding")).orElse("");
        if (body.length == 0 && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            // Spark keeps a body for the routes only when it came with a Content-Length
            throw ErrorResponder.builder().statusCode(HttpStatus.LENGTH_REQUIRED_411).type(ErrorType.INVALID_ARGUMENT)
                .message("send the list with a Content-Length (curl --data-binary @file): James 3.8 WebAdmin "
                    + "does not hand a chunked body to routes").haltError();
        }
        return new ByteArrayInputStream(body);
    }

    // ---- parameters

    private AddressKey address(String raw) {
        return parse("address", raw, v -> AddressKey.of(v, matching));
    }

    private static Category category(String raw) {
        return Category.fromLabel(raw).orElseThrow(() -> badRequest("unknown category '" + raw + "'; one of "
            + Arrays.stream(Category.values()).map(Category::label).toList()));
    }




    /** Events listed per address: the newest, up to this many (at most {@link #MAX_EVENT_LIMIT} with {@code ?limit=}). */
    static final int DEFAULT_EVENT_LIMIT = 100;
    static final int MAX_EVENT_LIMIT = 1000;






}
