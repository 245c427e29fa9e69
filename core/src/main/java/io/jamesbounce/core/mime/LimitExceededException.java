package io.jamesbounce.core.mime;

/** The message is larger, or has more parts, than the configured {@link ReadLimits}. */
public final class LimitExceededException extends ReportParseException {
    public LimitExceededException(String message) {
        super(message);
    }
}
