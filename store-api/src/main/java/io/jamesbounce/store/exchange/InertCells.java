package io.jamesbounce.store.exchange;

/**
 * CSV cells a spreadsheet will not run. A cell it would take for a formula ({@code = + - @}, a tab or a
 * carriage return first) is written with a leading {@code '} (OWASP's advice against CSV injection: a
 * diagnostic from a forged DSN must not become {@code =HYPERLINK(...)}); so is a cell that already starts
 * with {@code '}, so that reading strips exactly one and a round trip is exact.
 */
final class InertCells {
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private InertCells() {
    }

    static String inert(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return FORMULA_STARTS.indexOf(first) >= 0 || first == '\'' ? "'" + value : value;
    }

    /**
     * What {@link #inert} wrote, as it was: a {@code '} is taken off only before a character a spreadsheet
     * would run (or before another {@code '}), so a hand-made file's {@code 'o'neil@...} keeps its quote.
     */
    static String restore(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && (FORMULA_STARTS + "'").indexOf(cell.charAt(1)) >= 0
            ? cell.substring(1) : cell;
    }
}
