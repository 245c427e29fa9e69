package io.jamesbounce.cli;

/**
 * The command line asks for something the command cannot do (options that exclude each other, a
 * store that is not there): exit code 2 with one line and a pointer to the command's help, as for
 * the errors the option parser finds itself.
 */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
