package io.jamesbounce.cli;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned for people: each as wide as its widest cell, long cells cut with an ellipsis. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int maxWidth;
    private final boolean[] rightAligned;

    /** @param rightAligned per column: numbers read best right-aligned */
    TextTable(int maxWidth, boolean... rightAligned) {
        this.maxWidth = maxWidth;
        this.rightAligned = rightAligned.clone();
    }

    TextTable row(String... cells) {
        rows.add(cells.clone());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], cell(row[i]).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = cell(row[i]);
                String pad = " ".repeat(width[i] - cell.length());
                boolean right = i < rightAligned.length && rightAligned[i];
                line.append(right ? pad + cell : cell + (i < row.length - 1 ? pad : ""));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** One line per cell: line breaks and tabs shown as spaces, long text cut. */
    private String cell(String value) {
        String v = value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return v.length() > maxWidth ? v.substring(0, maxWidth - 1) + "…" : v;
    }
}
