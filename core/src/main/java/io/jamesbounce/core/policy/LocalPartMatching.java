package io.jamesbounce.core.policy;

/**
 * How local parts are compared. RFC 5321 lets the receiving server treat them case-sensitively,
 * but virtually none does, and a bounce for {@code John@x} must suppress {@code john@x}.
 */
public enum LocalPartMatching {
    CASE_INSENSITIVE,
    CASE_SENSITIVE
}
