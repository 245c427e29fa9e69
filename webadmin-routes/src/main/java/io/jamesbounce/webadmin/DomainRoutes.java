package io.jamesbounce.webadmin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.rates.BounceKind;
import io.jamesbounce.core.rates.DomainReport;
import io.jamesbounce.core.rates.Trigger;
import io.jamesbounce.core.rates.WindowCounts;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.EventCount;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Per-domain figures: {@code GET /bounces/domains}. With the outbound rate monitor bound
 * ({@link DomainRates}), its report: attempts, bounces by category and rates per window, state and
 * throttle triggers. Without it, the recorded events per domain and category over the last hour, day
 * and week (no attempts are known then, so no rates and no state). Paged by domain name:
 * {@code ?limit=} (100, at most 1,000) and {@code ?after=} the {@code next} of the previous page.
 */
public class DomainRoutes implements Routes {
    public static final String DOMAINS = SuppressionRoutes.BASE + "/domains";
    static final List<Duration> EVENT_WINDOWS = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final BounceEventHistory events;
    private final Clock clock;
    private final JsonTransformer json = new JsonTransformer();
    private DomainRates rates;

    @Inject
    public DomainRoutes(BounceEventHistory events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The rate monitor, when the extension binds one. */
    @com.google.inject.Inject(optional = true)
    void rates(DomainRates rates) {
        this.rates = rates;
    }

    @Override
    public String getBasePath() {
        return DOMAINS;
    }

    @Override
    public void define(Service spark) {
        spark.get(DOMAINS, this::domains, json);
        spark.post(DOMAINS + "/:domain/release", this::release, json);
    }

    /**
     * An operator lifts a domain's throttle now (audited in the log with actor and reason); the
     * monitor re-escalates only after its release grace if the figures still call for it.
     */
    private Object release(Request request, Response response) {
        if (rates == null) {
            throw RouteRequests.notFound("the per-domain rate monitor is not enabled in this server");
        }
        String domain = request.params("domain");
        String actor = Actors.of(request, Optional.ofNullable(request.queryParams("actor")));
        String reason = Actors.reason(Optional.ofNullable(request.queryParams("reason")));
        try {
            return rates.release(domain, actor, reason)
                .map(change -> ResponseBodies.object("domain", domain, "released", true, "change", change.logLine()))
                .orElseGet(() -> ResponseBodies.object("domain", domain, "released", false, "change", null));
        } catch (IllegalArgumentException e) {
            throw RouteRequests.badRequest("not a domain: " + domain);
        }
    }

    private Object domains(Request request, Response response) {
        int limit = RouteRequests.intParam(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Optional<String> after = Optional.ofNullable(request.queryParams("after")).map(String::trim).filter(a -> !a.isEmpty());
        Map<String, Object> all = rates != null ? report(rates.report()) : events(clock.instant());
        return page(all, after, limit);
    }

    /** Domains in name order, {@code limit} at most after {@code after}; {@code next} is the {@code after} of the next page. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> page(Map<String, Object> all, Optional<String> after, int limit) {
        KeyPage<Object> page = KeyPage.of((List<Object>) all.get("domains"),
            d -> (String) ((Map<String, Object>) d).get("domain"), after, limit);
        Map<String, Object> out = new LinkedHashMap<>(all);
        out.put("domains", page.items());
        out.put("limit", limit);
        out.put("next", page.next().orElse(null));
        return out;
    }

    private static Map<String, Object> report(DomainReport report) {
        List<Object> domains = new ArrayList<>();
        for (DomainReport.Row row : report.rows()) {
            Map<String, Object> windows = new LinkedHashMap<>();
            windows.put(window(report.shortWindow()), counts(row.figures().shortWindow()));
            windows.put(window(report.rateWindow()), counts(row.figures().rateWindow()));
            windows.put(window(report.baselineWindow()), counts(row.figures().baseline()));
            domains.add(ResponseBodies.object("domain", row.domain(), "state", row.state().name().toLowerCase(Locale.ROOT),
                "throttled", row.state().throttles(), "windows", windows,
                "triggers", row.triggers().stream().map(Trigger::sentence).toList()));
        }
        return ResponseBodies.object("at", report.at().toString(), "source", "rate-monitor", "domains", domains);
    }

    private static Map<String, Object> counts(WindowCounts counts) {
        Map<String, Object> bounces = new LinkedHashMap<>();
        counts.bounces().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> bounces.put(e.getKey().label(), e.getValue()));
        Map<String, Object> rates = new LinkedHashMap<>();
        for (BounceKind kind : BounceKind.values()) {
            rates.put(kind.name().toLowerCase(Locale.ROOT), counts.rate(kind));
        }
        return ResponseBodies.object("attempts", counts.attempts(), "bounces", bounces, "rates", rates);
    }

    private Map<String, Object> events(Instant now) {
        Map<String, Map<String, Object>> byDomain = new TreeMap<>();
        for (Duration window : EVENT_WINDOWS) {
            Map<String, Map<Category, Long>> counts = new TreeMap<>();
            for (EventCount c : events.countEvents(now.minus(window), now)) {
                counts.computeIfAbsent(c.domain(), d -> new TreeMap<>()).merge(c.category(), c.count(), Long::sum);
            }
            counts.forEach((domain, categories) -> {
                Map<String, Object> events = new LinkedHashMap<>();
                categories.forEach((category, n) -> events.put(category.label(), n));
                byDomain.computeIfAbsent(domain, d -> new LinkedHashMap<>()).put(window(window),
                    ResponseBodies.object("events", categories.values().stream().mapToLong(Long::longValue).sum(), "byCategory", events));
            });
        }
        List<Object> domains = new ArrayList<>();
        byDomain.forEach((domain, windows) -> domains.add(ResponseBodies.object("domain", domain, "state", null, "throttled", null,
            "windows", windows)));
        return ResponseBodies.object("at", now.toString(), "source", "events", "domains", domains);
    }

    private static String window(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
