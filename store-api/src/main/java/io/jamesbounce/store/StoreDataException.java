package io.jamesbounce.store;

/**
 * The store refused a value it was given (too long, out of range, not valid in its column): no
 * outage. Trying the same mail again fails the same way, so it is no reason to retry.
 */
public final class StoreDataException extends RuntimeException {
    public StoreDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
