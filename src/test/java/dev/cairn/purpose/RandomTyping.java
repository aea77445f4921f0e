package dev.cairn.purpose;

import dev.cairn.purpose.text.TextOp;

import java.util.Random;

/** Random edits a person might make: short inserts (some with emoji) and deletes, never splitting a surrogate pair. */
final class RandomTyping {
    private static final String[] PIECES = {"a", "b", "c", " ", "purpose", "we ", "\n", "é", "🌍", "🤝", "x", "yz"};

    private RandomTyping() {
    }

    static TextOp next(Random random, String doc, String signature) {
        boolean delete = !doc.isEmpty() && (doc.length() > 400 ? random.nextInt(3) > 0 : random.nextInt(4) == 0);
        int at = boundary(doc, random.nextInt(doc.length() + 1));
        if (delete) {
            int end = boundary(doc, Math.min(doc.length(), at + 1 + random.nextInt(8)));
            if (end > at) return at == 0 ? TextOp.of(TextOp.del(end - at)) : TextOp.of(at, TextOp.del(end - at));
        }
        String text = random.nextInt(10) == 0 ? signature : PIECES[random.nextInt(PIECES.length)];
        return at == 0 ? TextOp.of(text) : TextOp.of(at, text);
    }

    /** Moves a position off the middle of a surrogate pair. */
    static int boundary(String doc, int at) {
        if (at > 0 && at < doc.length() && Character.isLowSurrogate(doc.charAt(at))
            && Character.isHighSurrogate(doc.charAt(at - 1))) {
            return at - 1;
        }
        return at;
    }
}
