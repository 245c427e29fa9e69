package io.jamesbounce.core.testing;

import java.util.Random;

/**
 * Texts made of pieces drawn at random, for the tests that hold a fast reader to the regular
 * expression or JDK call it replaces: pieces chosen to match, nearly match and break it.
 */
public final class RandomText {
    private RandomText() {
    }

    /** Up to {@code maxPieces - 1} pieces, each drawn from {@code pieces}. */
    public static String of(Random random, int maxPieces, String... pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxPieces); i > 0; i--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
