package io.jamesbounce.core.mime;

/** The one family of errors for messages that cannot be read. The analyzer turns them into an unparseable result. */
public class ReportParseException extends Exception {
    public ReportParseException(String message) {
        super(message);
    }

    public ReportParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
