package io.jamesbounce.webadmin;

import java.util.Optional;

import org.apache.james.webadmin.authentication.AuthenticationFilter;

import io.jamesbounce.store.Change;
import spark.Request;

/**
 * Who makes a change through WebAdmin, for the audit. With WebAdmin's JWT authentication on, the
 * token's user (James' filter puts it in the request's {@code LOGIN} attribute): what the caller
 * types is not believed. Without authentication, the {@code actor} the request names, marked
 * {@value #UNAUTHENTICATED} in the audit, since anyone who reaches WebAdmin could have typed it.
 */
final class Actors {
    static final String UNAUTHENTICATED = " (unauthenticated)";

    private Actors() {
    }

    static String of(Request request, Optional<String> typed) {
        Object login = request.attribute(AuthenticationFilter.LOGIN);
        String actor;
        if (login instanceof String user && !user.isBlank()) {
            actor = user;
        } else {
            actor = typed.map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> RouteRequests.badRequest("'actor' is required: who makes the change")) + UNAUTHENTICATED;
        }
        if (actor.length() > Change.MAX_ACTOR) {
            throw RouteRequests.badRequest("'actor' is longer than " + (Change.MAX_ACTOR - UNAUTHENTICATED.length()) + " characters");
        }
        return actor;
    }

    /** The reason of a change: required, at most {@link Change#MAX_REASON} characters. */
    static String reason(Optional<String> typed) {
        String reason = typed.map(String::trim).filter(s -> !s.isEmpty())
            .orElseThrow(() -> RouteRequests.badRequest("'reason' is required: why the change is made"));
        if (reason.length() > Change.MAX_REASON) {
            throw RouteRequests.badRequest("'reason' is longer than " + Change.MAX_REASON + " characters");
        }
        return reason;
    }
}
