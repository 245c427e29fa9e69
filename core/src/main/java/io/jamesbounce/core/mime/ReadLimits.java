package io.jamesbounce.core.mime;

/**
 * Bounds on the work spent on one message. A message over {@code maxBytes} or with more than
 * {@code maxParts} entities is reported as unparseable; text kept per part and in total is capped
 * so that memory stays bounded whatever the input.
 */
public record ReadLimits(long maxBytes, int maxParts, int maxTextPerPart, int maxTextTotal) {
    public static final ReadLimits DEFAULT = new ReadLimits(100L * 1024 * 1024, 20_000, 256 * 1024, 2 * 1024 * 1024);

    public ReadLimits {
        if (maxBytes <= 0 || maxParts <= 0 || maxTextPerPart <= 0 || maxTextTotal <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
