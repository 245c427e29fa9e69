package io.jamesbounce.core.mime;

/**
 * Bounds on the work spent on one message. A message over {@code maxBytes} or with more than
 * {@code maxParts} entities is reported as unparseable; text kept per part and in total is capped
 * so that memory stays bounded whatever the input; so is the nesting depth of entities.
 */
public record ReadLimits(long maxBytes, int maxParts, int maxTextPerPart, int maxTextTotal, int maxDepth,
                         int maxHeaderField, int maxHeaderFields) {
    public static final int DEFAULT_MAX_DEPTH = 64;
    /**
     * A header field (folded lines included) and the fields of one entity: far above any real report
     * (a DKIM signature is a kilobyte, a long References field tens), and what keeps a message of one
     * 29 MB folded header from being held, unfolded and copied whole.
     */
    public static final int DEFAULT_MAX_HEADER_FIELD = 256 * 1024;
    public static final int DEFAULT_MAX_HEADER_FIELDS = 10_000;
    public static final ReadLimits DEFAULT = new ReadLimits(100L * 1024 * 1024, 20_000, 256 * 1024, 2 * 1024 * 1024,
        DEFAULT_MAX_DEPTH);

    public ReadLimits {
        if (maxBytes <= 0 || maxParts <= 0 || maxTextPerPart <= 0 || maxTextTotal <= 0 || maxDepth <= 0
            || maxHeaderField <= 0 || maxHeaderFields <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Limits with the default header bounds. */
    public ReadLimits(long maxBytes, int maxParts, int maxTextPerPart, int maxTextTotal, int maxDepth) {
        this(maxBytes, maxParts, maxTextPerPart, maxTextTotal, maxDepth, DEFAULT_MAX_HEADER_FIELD, DEFAULT_MAX_HEADER_FIELDS);
    }

    /**
     * Limits with the default nesting depth. Every nested multipart adds a boundary scan every
     * later byte goes through, so depth is bounded too (3,000 levels took 0.7 s: found fuzzing).
     */
    public ReadLimits(long maxBytes, int maxParts, int maxTextPerPart, int maxTextTotal) {
        this(maxBytes, maxParts, maxTextPerPart, maxTextTotal, DEFAULT_MAX_DEPTH);
    }
}
