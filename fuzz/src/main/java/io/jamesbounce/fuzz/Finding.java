package io.jamesbounce.fuzz;

import java.util.Objects;

/**
 * Something a campaign found wrong with one input.
 *
 * @param signature what identifies the fault whatever the input: the throwable's class and the
 *                  first frames of our code, or the decoder that failed
 * @param origin    the seed and the mutations that made the input
 * @param input     the input, minimised when the fault reproduces on a smaller one
 * @param trace     the stack trace or the report's problem text
 */
public record Finding(Kind kind, String signature, String origin, byte[] input, String trace, long millis) {
    public enum Kind {
        /** A throwable escaped {@code BounceAnalyzer.analyze}: exception, StackOverflowError, OutOfMemoryError. */
        CRASH,
        /** The analyzer caught a decoder's exception itself and reported the message unparseable: a bug all the same. */
        CONTAINED,
        /** One input took longer than the hang limit: the campaign stops there. */
        HANG
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(trace, "trace");
    }
}
