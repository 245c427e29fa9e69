package io.jamesbounce.james.mailets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;

import org.apache.mailet.base.GenericMailet;

import io.jamesbounce.core.Durations;

/** Reads a mailet's parameters in {@code init()}: unknown names and blank values fail, naming what is wrong. */
final class InitParameters {
    /** Handled by James itself for every mailet. */
    private static final List<String> JAMES_PARAMETERS = List.of("onMailetException", "onMatchException");

    private final GenericMailet mailet;

    private InitParameters(GenericMailet mailet) {
        this.mailet = mailet;
    }

    static InitParameters of(GenericMailet mailet, String... accepted) throws MessagingException {
        Set<String> allowed = new LinkedHashSet<>(List.of(accepted));
        allowed.addAll(JAMES_PARAMETERS);
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = mailet.getInitParameterNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new MessagingException(mailet.getMailetName() + ": unknown parameter(s) " + unknown + "; accepted: " + allowed);
        }
        return new InitParameters(mailet);
    }

    Optional<String> optional(String name) throws MessagingException {
        String value = mailet.getInitParameter(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new MessagingException(mailet.getMailetName() + ": parameter " + name + " is present but empty");
        }
        return Optional.of(value.trim());
    }

    String required(String name) throws MessagingException {
        return optional(name).orElseThrow(() -> new MessagingException(mailet.getMailetName() + ": parameter " + name + " is required"));
    }

    /** A processor name: one token, as James' {@code <processor state="...">}. */
    Optional<String> processor(String name) throws MessagingException {
        Optional<String> value = optional(name);
        if (value.isPresent() && !value.get().matches("[A-Za-z0-9._-]+")) {
            throw new MessagingException(mailet.getMailetName() + ": parameter " + name + " is not a processor name: '" + value.get() + "'");
        }
        return value;
    }

    /** A duration, as in {@code bounces.properties}: {@code 30s}, {@code 5m}, {@code 1d}, or ISO-8601; positive. */
    Optional<Duration> duration(String name) throws MessagingException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> duration = Durations.parse(value.get()).filter(d -> d.isPositive());
        if (duration.isEmpty()) {
            throw new MessagingException(mailet.getMailetName() + ": parameter " + name + " is not a positive duration ("
                + Durations.FORMS + "): '" + value.get() + "'");
        }
        return duration;
    }

    /** A domain name: letters, digits, hyphens and dots, at least two labels. */
    String domain(String name) throws MessagingException {
        String value = required(name);
        if (!value.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw new MessagingException(mailet.getMailetName() + ": parameter " + name + " is not a domain name: '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
