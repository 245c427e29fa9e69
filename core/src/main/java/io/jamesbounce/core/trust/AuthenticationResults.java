package io.jamesbounce.core.trust;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One Authentication-Results field (RFC 8601), read leniently: the authserv-id and, per method, its
 * result and properties. {@code dkim=pass header.d=example.net} gives method {@code dkim}, result
 * {@code pass}, property {@code header.d}.
 */
public record AuthenticationResults(String authservId, List<Result> results) {
    public record Result(String method, String result, Map<String, String> properties) {
        public Result {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(result, "result");
            properties = Map.copyOf(properties);
        }
    }

    public AuthenticationResults {
        Objects.requireNonNull(authservId, "authservId");
        results = List.copyOf(results);
    }

    public static AuthenticationResults parse(String value) {
        String text = withoutComments(value == null ? "" : value).replace('\r', ' ').replace('\n', ' ');
        String[] parts = text.split(";");
        String[] idAndVersion = parts[0].strip().split("\\s+");
        String authservId = idAndVersion.length == 0 ? "" : idAndVersion[0].toLowerCase(Locale.ROOT);
        List<Result> results = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] tokens = parts[i].strip().split("\\s+");
            if (tokens.length == 0 || tokens[0].indexOf('=') <= 0) {
                continue;
            }
            String method = tokens[0].substring(0, tokens[0].indexOf('=')).toLowerCase(Locale.ROOT);
            String result = tokens[0].substring(tokens[0].indexOf('=') + 1).toLowerCase(Locale.ROOT);
            int slash = method.indexOf('/');
            method = slash > 0 ? method.substring(0, slash) : method;
            Map<String, String> properties = new LinkedHashMap<>();
            for (int k = 1; k < tokens.length; k++) {
                int eq = tokens[k].indexOf('=');
                if (eq > 0) {
                    properties.putIfAbsent(tokens[k].substring(0, eq).toLowerCase(Locale.ROOT),
                        tokens[k].substring(eq + 1).replace("\"", ""));
                }
            }
            results.add(new Result(method, result, properties));
        }
        return new AuthenticationResults(authservId, results);
    }

    /** Drops RFC 5322 comments, nested ones included; quoted strings are not special here. */
    private static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && depth > 0) {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
