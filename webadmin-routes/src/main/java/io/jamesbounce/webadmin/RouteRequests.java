package io.jamesbounce.webadmin;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jamesbounce.store.Change;
import spark.Request;
import spark.Response;

/** What every route of the extension reads from a request, and how it answers a bad one: 400 or 404 in WebAdmin's error shape. */
final class RouteRequests {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RouteRequests() {
    }

    /** actor (see {@link Actors}) and reason: query parameters, or a JSON body {@code {"actor":..,"reason":..}}. */
    static Change change(Request request, Clock clock) {
        Optional<String> actor = param(request, "actor");
        Optional<String> reason = param(request, "reason");
        if ((actor.isEmpty() || reason.isEmpty()) && request.body() != null && !request.body().isBlank()) {
            JsonNode body = jsonBody(request);
            actor = actor.or(() -> Optional.ofNullable(body.path("actor").textValue()).filter(s -> !s.isBlank()));
            reason = reason.or(() -> Optional.ofNullable(body.path("reason").textValue()).filter(s -> !s.isBlank()));
        }
        return new Change(Actors.of(request, actor), Actors.reason(reason), clock.instant());
    }

    /** An ISO-8601 instant ({@code 2025-03-01T08:00:00Z}) or a date ({@code 2025-03-01}, midnight UTC). */
    static Instant instant(String name, String raw) {
        try {
            return raw.contains("T") ? Instant.parse(raw) : LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw badRequest("'" + name + "' must be an ISO-8601 instant (2025-03-01T08:00:00Z) or date (2025-03-01): '" + raw + "'");
        }
    }

    static <T> T parse(String what, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw badRequest("invalid " + what + " '" + raw + "': " + e.getMessage());
        }
    }

    static Optional<String> param(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    static int intParam(Request request, String name, int defaultValue, int min, int max) {
        Optional<String> raw = param(request, name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ": '" + raw.get() + "'");
    }

    static JsonNode jsonBody(Request request) {
        String type = Optional.ofNullable(request.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            // curl -d without -H sends a form, which the server takes apart before any route sees it
            throw badRequest("send the JSON body with -H 'Content-Type: application/json' (this request says it is a form: "
                + type + ")");
        }
        try {
            JsonNode node = MAPPER.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw badRequest("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw badRequest("the body is not JSON: " + e.getMessage());
        }
    }

    static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw badRequest("'" + field + "' is required in the body, as a non-empty string");
        }
        return value.textValue();
    }

    static String noContent(Response response) {
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    static RuntimeException badRequest(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorType.INVALID_ARGUMENT)
            .message(message).haltError();
    }

    static RuntimeException notFound(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorType.NOT_FOUND)
            .message(message).haltError();
    }
}
