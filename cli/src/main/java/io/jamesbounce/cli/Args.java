package io.jamesbounce.cli;

import java.util.List;

import io.jamesbounce.cli.Main.UsageException;

/** The arguments of one command, read left to right; an option's value is the next argument. */
final class Args {
    private final List<String> args;
    private int next;

    Args(List<String> args) {
        this.args = List.copyOf(args);
    }

    boolean hasNext() {
        return next < args.size();
    }

    String next() {
        return args.get(next++);
    }

    /** The value of {@code option}, which was just read. */
    String value(String option) throws UsageException {
        if (!hasNext()) {
            throw new UsageException(option + " needs a value");
        }
        return next();
    }

    int intValue(String option, int min, int max) throws UsageException {
        String v = value(option);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(option + " must be a number from " + min + " to " + max + ": " + v);
    }
}
