package io.jamesbounce.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    private static boolean startsWithFrom(byte[] d, int i) {
        return i + 5 <= d.length && d[i] == 'F' && d[i + 1] == 'r' && d[i + 2] == 'o' && d[i + 3] == 'm' && d[i + 4] == ' ';
    }
}
