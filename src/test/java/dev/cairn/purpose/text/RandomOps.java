package dev.cairn.purpose.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Makes seeded random documents and operations that respect surrogate pairs, for property tests. */
final class RandomOps {
    /** Pieces documents and inserts are made of: plain letters, an accented letter and emoji. */
    private static final String[] PIECES = {"a", "b", "c", " ", "é", "😀", "🎉", "x"};

    private final Random random;

    RandomOps(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A document of up to {@code maxPieces} pieces. */
    String doc(int maxPieces) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    /** A normalized random operation on {@code doc}; its boundaries never fall inside a pair. */
    TextOp op(String doc) {
        return TextOp.of(rawParts(doc).toArray()).normalize();
    }

    /**
     * Random parts for an op on {@code doc}: Integer skips, String inserts and Delete components,
     * possibly with neighbours of one kind and a trailing skip, i.e. not normalized.
     */
    List<Object> rawParts(String doc) {
        List<Object> parts = new ArrayList<>();
        int[] cps = doc.codePoints().toArray();
        int i = 0;
        while (i < cps.length || random.nextInt(3) == 0) {
            int kind = random.nextInt(4);
            if (kind == 0 || i >= cps.length) {
                String text = doc(3);
                parts.add(text.isEmpty() ? "z" : text);
                if (i >= cps.length) {
                    break;
                }
                continue;
            }
            int take = 1 + random.nextInt(Math.min(4, cps.length - i));
            int units = new String(cps, i, take).length();
            i += take;
            parts.add(kind == 3 ? TextOp.del(units) : (Object) units);
        }
        return parts;
    }

    /** An op on {@code doc} that skips to a spot between the halves of a pair; null if there is none. */
    TextOp pairSplittingOp(String doc) {
        List<Integer> spots = new ArrayList<>();
        for (int i = 1; i < doc.length(); i++) {
            if (Utf16.splitsPair(doc, i)) {
                spots.add(i);
            }
        }
        if (spots.isEmpty()) {
            return null;
        }
        int at = spots.get(random.nextInt(spots.size()));
        switch (random.nextInt(3)) {
            case 0:
                return TextOp.of(at, "q");
            case 1:
                return TextOp.deleteAt(at, 1);
            default:
                return TextOp.deleteAt(at - 1, 1);
        }
    }
}
