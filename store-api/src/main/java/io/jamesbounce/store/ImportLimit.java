package io.jamesbounce.store;

/**
 * The largest suppression list one import may send ({@code webadmin.import-max-bytes}): an import is
 * read whole before it is parsed, so its size is bounded before it is read.
 */
public record ImportLimit(long maxBytes) {
    public static final ImportLimit DEFAULT = new ImportLimit(64L * 1024 * 1024);

    public ImportLimit {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("webadmin.import-max-bytes must be positive: " + maxBytes);
        }
    }
}
