package io.jamesbounce.webadmin;

import static io.jamesbounce.webadmin.RouteRequests.change;
import static io.jamesbounce.webadmin.RouteRequests.intParam;
import static io.jamesbounce.webadmin.RouteRequests.noContent;
import static io.jamesbounce.webadmin.RouteRequests.notFound;
import static io.jamesbounce.webadmin.RouteRequests.param;
import static io.jamesbounce.webadmin.RouteRequests.parse;

import java.time.Clock;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.core.text.LogValues;
import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.AllowlistEntry;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.SuppressionQuery;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The allowlist over WebAdmin, {@code /bounces/allowlist}: addresses and domains the policy never
 * suppresses. Defined by {@link SuppressionRoutes} beside the list it guards, so that one
 * {@code extensions.routes} entry serves both, as before.
 */
final class AllowlistRoutes {
    static final String ALLOWLIST = SuppressionRoutes.BASE + "/allowlist";
    private static final Logger LOGGER = LoggerFactory.getLogger(AllowlistRoutes.class);
    private static final String VALUE = ":addressOrDomain";

    private final Allowlist allowlist;
    private final LocalPartMatching matching;
    private final Clock clock;

    AllowlistRoutes(Allowlist allowlist, LocalPartMatching matching, Clock clock) {
        this.allowlist = allowlist;
        this.matching = matching;
        this.clock = clock;
    }

    void define(Service spark, JsonTransformer json) {
        spark.get(ALLOWLIST, this::allowlist, json);
        spark.get(ALLOWLIST + "/" + VALUE, this::allowlistEntry, json);
        spark.put(ALLOWLIST + "/" + VALUE, this::allow);
        spark.delete(ALLOWLIST + "/" + VALUE, this::disallow);
    }

    /** The allowlist in value order, paged like the domains: {@code ?limit=} (100, at most 1,000) and {@code ?after=}. */
    private Object allowlist(Request request, Response response) {
        int limit = intParam(request, "limit", SuppressionRoutes.DEFAULT_LIMIT, 1, SuppressionQuery.MAX_LIMIT);
        KeyPage<AllowlistEntry> page = KeyPage.of(allowlist.entries(), AllowlistEntry::value, param(request, "after"), limit);
        return ResponseBodies.object("items", page.items().stream().map(ResponseBodies::allowlist).toList(), "limit", limit,
            "next", page.next().orElse(null));
    }

    private Object allowlistEntry(Request request, Response response) {
        String value = allowlistValue(request.params(VALUE));
        return allowlist.entries().stream().filter(e -> e.value().equals(value)).findFirst()
            .map(ResponseBodies::allowlist)
            .orElseThrow(() -> notFound(value + " is not on the allowlist"));
    }

    private Object allow(Request request, Response response) {
        String value = allowlistValue(request.params(VALUE));
        Change change = change(request, clock);
        allowlist.allow(new AllowlistEntry(value, change));
        LOGGER.info("allowlist added value={} actor={} reason={}", LogValues.safe(value), LogValues.safe(change.actor()),
            LogValues.safe(change.reason()));
        return noContent(response);
    }

    private Object disallow(Request request, Response response) {
        String value = allowlistValue(request.params(VALUE));
        Change change = change(request, clock);
        if (!allowlist.disallow(value)) {
            throw notFound(value + " is not on the allowlist");
        }
        LOGGER.info("allowlist removed value={} actor={} reason={}", LogValues.safe(value), LogValues.safe(change.actor()),
            LogValues.safe(change.reason()));
        return noContent(response);
    }


    private String allowlistValue(String raw) {
        return parse("address or domain", raw, v -> AllowlistEntry.normalise(v, matching));
    }
}
