package io.jamesbounce.core.model;

/** Where a reply code or enhanced status was read, so a decision can be explained and weighed. */
public enum CodeOrigin {
    /** The DSN Status field. */
    STATUS_FIELD,
    /** The DSN Diagnostic-Code field. */
    DIAGNOSTIC_CODE,
    /** Free text of a non-standard notice. */
    NOTICE_TEXT,
    /** Not reported at all; derived from the category (as RFC 3463 suggests for the class). */
    INFERRED
}
