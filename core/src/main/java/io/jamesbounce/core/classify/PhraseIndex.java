package io.jamesbounce.core.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every phrase of the rule table in one Aho-Corasick automaton: a single pass over a diagnostic
 * tells which phrases occur, instead of one search per phrase per rule (about a thousand).
 *
 * <p>Why not one complete transition table: the table's phrases use 182 characters and make about
 * 7,000 nodes, so a row a node is 5.3 MB, far more than the processor's caches, for every analyzer.
 * Here only the nodes with many children (the root among them) keep a complete row; every other node
 * keeps its own edges and a failure link, and the whole automaton takes 336 KB (a third of it the
 * table from characters to symbols, of which a scan reads the few entries its text has). Over a
 * text, a scan follows no more failure links than it reads characters (each one takes it nearer the
 * root, each character at most one step further); timed in turn with the one table over the corpus,
 * a message took the same time.
 */
final class PhraseIndex {
    /** A node with at least this many children gets a complete row: searching its edges would cost more. */
    private static final int DENSE_CHILDREN = 4;
    private static final int[] NONE = {};

    private final Map<String, Integer> ids;
    /** Per character, its symbol plus one; 0 for a character no phrase uses. */
    private final char[] symbolOf;
    private final int width;
    /** Per node, its row in {@link #dense}, or -1 when it has edges and a failure link instead. */
    private final int[] denseRow;
    /** Complete rows: the next node for every symbol. */
    private final int[] dense;
    /** Per node, where its edges start in {@link #edgeSymbol} and {@link #edgeTarget} (a node's end is the next's start). */
    private final int[] edgeStart;
    private final char[] edgeSymbol;
    private final int[] edgeTarget;
    private final int[] fail;
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
        char[] alphabet = chars.toString().toCharArray();
        this.width = alphabet.length;
        char max = 0;
        for (char c : alphabet) {
            max = (char) Math.max(max, c);
        }
        this.symbolOf = new char[max + 1];
        for (int i = 0; i < alphabet.length; i++) {
            symbolOf[alphabet[i]] = (char) (i + 1);
        }
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(new int[width]);
        out.add(new ArrayList<>());
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int node = 0;
            for (char c : e.getKey().toCharArray()) {
                int s = symbolOf[c] - 1;
                if (trie.get(node)[s] <= 0) {
                    trie.get(node)[s] = trie.size();
                    trie.add(new int[width]);
                    out.add(new ArrayList<>());
                }
                node = trie.get(node)[s];
            }
            out.get(node).add(e.getValue());
        }
        int nodes = trie.size();
        // the trie's own edges, before the failure transitions are folded in below
        int[][] children = new int[nodes][];
        for (int node = 0; node < nodes; node++) {
            children[node] = trie.get(node).clone();
        }
        // Breadth-first: failure links, and complete transitions (each from its node's failure, shallower), outputs merged.
        int[] failOf = new int[nodes];
        // the nodes in breadth-first order: the nodes a scan visits most (near the root) end up side by side
        int[] rank = new int[nodes];
        int ranked = 1;
        Deque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < width; s++) {
            if (trie.get(0)[s] > 0) {
                queue.add(trie.get(0)[s]);
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            rank[node] = ranked++;
            out.get(node).addAll(out.get(failOf[node]));
            for (int s = 0; s < width; s++) {
                int child = trie.get(node)[s];
                if (child > 0) {
                    failOf[child] = trie.get(failOf[node])[s];
                    queue.add(child);
                } else {
                    trie.get(node)[s] = trie.get(failOf[node])[s];
                }
            }
        }
        this.denseRow = new int[nodes];
        this.edgeStart = new int[nodes + 1];
        this.fail = new int[nodes];
        this.outputs = new int[nodes][];
        this.emits = new boolean[nodes];
        int[] byRank = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            byRank[rank[node]] = node;
        }
        List<Integer> denseNodes = new ArrayList<>();
        int edges = 0;
        for (int row = 0; row < nodes; row++) {
            int node = byRank[row];
            int count = childCount(children[node]);
            // the root always: it is where every failure ends
            if (node == 0 || count >= DENSE_CHILDREN) {
                denseRow[row] = denseNodes.size();
                denseNodes.add(node);
            } else {
                denseRow[row] = -1;
                edges += count;
            }
            fail[row] = rank[failOf[node]];
            int[] emitted = out.get(node).stream().mapToInt(Integer::intValue).distinct().toArray();
            outputs[row] = emitted.length == 0 ? NONE : emitted;
            emits[row] = emitted.length > 0;
        }
        this.dense = new int[denseNodes.size() * width];
        for (int d = 0; d < denseNodes.size(); d++) {
            for (int s = 0; s < width; s++) {
                dense[d * width + s] = rank[trie.get(denseNodes.get(d))[s]];
            }
        }
        this.edgeSymbol = new char[edges];
        this.edgeTarget = new int[edges];
        int edge = 0;
        for (int row = 0; row < nodes; row++) {
            edgeStart[row] = edge;
            if (denseRow[row] < 0) {
                int[] own = children[byRank[row]];
                for (int s = 0; s < width; s++) {
                    if (own[s] > 0) {
                        edgeSymbol[edge] = (char) s;
                        edgeTarget[edge] = rank[own[s]];
                        edge++;
                    }
                }
            }
        }
        edgeStart[nodes] = edge;
    }

    private static int childCount(int[] children) {
        int count = 0;
        for (int child : children) {
            count += child > 0 ? 1 : 0;
        }
        return count;
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
        int node = 0;
        for (int i = 0; i < lowerText.length(); i++) {
            char c = lowerText.charAt(i);
            int s = c < symbolOf.length ? symbolOf[c] - 1 : -1;
            node = s < 0 ? 0 : next(node, s);
            if (emits[node]) {
                for (int id : outputs[node]) {
                    found.set(id);
                }
            }
        }
        return found;
    }

    /** The node after {@code node} on {@code symbol}: its own edge, else its failure's next, down to a complete row. */
    private int next(int node, int symbol) {
        int at = node;
        while (true) {
            int row = denseRow[at];
            if (row >= 0) {
                return dense[row * width + symbol];
            }
            for (int e = edgeStart[at], end = edgeStart[at + 1]; e < end; e++) {
                if (edgeSymbol[e] == symbol) {
                    return edgeTarget[e];
                }
            }
            at = fail[at];
        }
    }
}
