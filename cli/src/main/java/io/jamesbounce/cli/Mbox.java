package io.jamesbounce.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Splits an mbox file at its "From " separator lines (mboxo/mboxrd: a body line starting "From " is quoted). */
final class Mbox {
    private Mbox() {
    }

    static List<byte[]> split(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < data.length) {
            boolean lineStart = i == 0 || data[i - 1] == '\n';
            if (lineStart && startsWithFrom(data, i)) {
                if (start >= 0) {
                    out.add(Arrays.copyOfRange(data, start, i));
                }
                start = i;
            }
            i++;
        }
        if (start >= 0) {
            out.add(Arrays.copyOfRange(data, start, data.length));
        } else if (data.length > 0) {
            out.add(data);
        }
        return out;
    }

    /**
     * Whether the data is an mbox of more than one message: it opens with a "From " separator line
     * in its standard form ("From sender Www Mmm ...", an asctime date) and another follows.
     */
    static boolean holdsSeveral(byte[] data) {
        if (!isSeparator(data, 0)) {
            return false;
        }
        for (int i = 1; i < data.length; i++) {
            if (data[i - 1] == '\n' && isSeparator(data, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparator(byte[] d, int i) {
        if (!startsWithFrom(d, i)) {
            return false;
        }
        int end = i;
        while (end < d.length && end - i < 200 && d[end] != '\n') {
            end++;
        }
        return SEPARATOR.matcher(new String(d, i, end - i, StandardCharsets.ISO_8859_1)).lookingAt();
    }

    private static final Pattern SEPARATOR = Pattern.compile(
        "From \\S+ +(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-9][0-9] ");

    private static boolean startsWithFrom(byte[] d, int i) {
        return i + 5 <= d.length && d[i] == 'F' && d[i + 1] == 'r' && d[i + 2] == 'o' && d[i + 3] == 'm' && d[i + 4] == ' ';
    }
}
