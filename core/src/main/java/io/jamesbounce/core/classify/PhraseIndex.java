package io.jamesbounce.core.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every phrase of the rule table in one Aho-Corasick automaton: a single pass over a diagnostic
 * tells which phrases occur, instead of one search per phrase per rule (about a thousand).
 */
final class PhraseIndex {
    private final Map<String, Integer> ids;
    private final char[] alphabet;
    private final int[] symbolOf;
    /** The transitions of every node in one array, a row of {@code alphabet.length} per node: one read a character. */
    private final int[] next;
    private final int[][] outputs;
    /** Whether a node ends a phrase: most do not, and the scan reads this flag before their outputs. */
    private final boolean[] emits;

    PhraseIndex(List<String> phrases) {
        this.ids = new LinkedHashMap<>();
        for (String p : phrases) {
            ids.putIfAbsent(p, ids.size());
        }
        // A dense alphabet of the characters phrases use; any other character leads back to the root.
        StringBuilder chars = new StringBuilder();
        for (String p : ids.keySet()) {
            for (char c : p.toCharArray()) {
                if (chars.indexOf(String.valueOf(c)) < 0) {
                    chars.append(c);
                }
            }
        }
        this.alphabet = chars.toString().toCharArray();
        char max = 0;
        for (char c : alphabet) {
            max = (char) Math.max(max, c);
        }
        this.symbolOf = new int[max + 1];
        Arrays.fill(symbolOf, -1);
        for (int i = 0; i < alphabet.length; i++) {
            symbolOf[alphabet[i]] = i;
        }
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(newNode());
        out.add(new ArrayList<>());
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int node = 0;
            for (char c : e.getKey().toCharArray()) {
                int s = symbolOf[c];
                if (trie.get(node)[s] <= 0) {
                    trie.get(node)[s] = trie.size();
                    trie.add(newNode());
                    out.add(new ArrayList<>());
                }
                node = trie.get(node)[s];
            }
            out.get(node).add(e.getValue());
        }
        // Breadth-first: failure links folded into a complete transition table, outputs merged.
        int[] fail = new int[trie.size()];
        // the nodes in breadth-first order: the rows a scan reads most (near the root) end up side by side
        int[] rank = new int[trie.size()];
        int ranked = 1;
        Deque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < alphabet.length; s++) {
            int child = trie.get(0)[s];
            if (child > 0) {
                fail[child] = 0;
                queue.add(child);
            } else {
                trie.get(0)[s] = 0;
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            rank[node] = ranked++;
            out.get(node).addAll(out.get(fail[node]));
            for (int s = 0; s < alphabet.length; s++) {
                int child = trie.get(node)[s];
                if (child > 0) {
                    fail[child] = trie.get(fail[node])[s];
                    queue.add(child);
                } else {
                    trie.get(node)[s] = trie.get(fail[node])[s];
                }
            }
        }
        int width = alphabet.length;
        this.next = new int[trie.size() * width];
        this.outputs = new int[out.size()][];
        this.emits = new boolean[out.size()];
        for (int node = 0; node < trie.size(); node++) {
            int row = rank[node];
            for (int s = 0; s < width; s++) {
                next[row * width + s] = rank[trie.get(node)[s]];
            }
            outputs[row] = out.get(node).stream().mapToInt(Integer::intValue).distinct().toArray();
            emits[row] = outputs[row].length > 0;
        }
    }

    private int[] newNode() {
        return new int[alphabet.length];
    }

    int id(String phrase) {
        Integer id = ids.get(phrase);
        if (id == null) {
            throw new IllegalArgumentException("phrase not indexed: " + phrase);
        }
        return id;
    }

    /** The ids of every phrase that occurs in the (lower-cased) text. */
    BitSet scan(String lowerText) {
        BitSet found = new BitSet(ids.size());
        int width = alphabet.length;
        int node = 0;
        for (int i = 0; i < lowerText.length(); i++) {
            char c = lowerText.charAt(i);
            int s = c < symbolOf.length ? symbolOf[c] : -1;
            node = s < 0 ? 0 : next[node * width + s];
            if (emits[node]) {
                for (int id : outputs[node]) {
                    found.set(id);
                }
            }
        }
        return found;
    }
}
