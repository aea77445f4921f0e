package dev.cairn.purpose.text;

/**
 * The ot-text operational transformation type: applies, transforms and composes {@link TextOp}s
 * with the same results as the npm package {@code ot-text}, so the server and ShareDB-style
 * browser clients converge on the same document.
 *
 * <p>Where ot-text is loose this is stricter: apply also rejects deletes past the end and cuts
 * through surrogate pairs, transform normalizes its inputs first (ot-text can diverge on split
 * inserts), and an author's caret is not moved by their own no-op.
 */
public final class TextType {
    private TextType() {
    }

    /**
     * Returns {@code doc} with {@code op} applied. Throws {@link InvalidOpException} if the op
     * reaches past the end of the document, cuts a surrogate pair, or inserts a lone surrogate.
     */
    public static String apply(String doc, TextOp op) {
        StringBuilder out = new StringBuilder(doc.length());
        int pos = 0;
        for (Component c : op.components()) {
            if (c instanceof Insert i) {
                int bad = Utf16.loneSurrogateAt(i.text());
                if (bad >= 0) {
                    throw new InvalidOpException("insert has a lone surrogate at offset " + bad);
                }
                out.append(i.text());
                continue;
            }
            if (c.length() > doc.length() - pos) {
                throw new InvalidOpException("operation reaches past the end of the document (length "
                        + doc.length() + ")");
            }
            int end = pos + c.length();
            if (Utf16.splitsPair(doc, end)) {
                throw new InvalidOpException("operation splits a surrogate pair at " + end);
            }
            if (c instanceof Skip) {
                out.append(doc, pos, end);
            }
            pos = end;
        }
        return out.append(doc, pos, doc.length()).toString();
    }

    /**
     * Rewrites {@code op} so it has the same intent when applied after {@code other}, both having
     * been made against the same document. When both insert at one place the {@link Side#LEFT}
     * text goes first; text deleted by both is deleted once; text inserted inside a range the
     * other op deleted survives.
     */
    public static TextOp transform(TextOp op, TextOp other, Side side) {
        ComponentReader mine = new ComponentReader(op.normalize());
        OpBuilder out = new OpBuilder();
        for (Component theirs : other.normalize().components()) {
            if (theirs instanceof Insert ins) {
                if (side == Side.LEFT && mine.peek() instanceof Insert) {
                    out.add(mine.takeRest());
                }
                out.skip(ins.length());
                continue;
            }
            int left = theirs.length();
            while (left > 0) {
                Component chunk = mine.take(left, ComponentReader.Whole.INSERTS);
                if (chunk instanceof Insert) {
                    out.add(chunk);
                } else {
                    left -= chunk.length();
                    // Under their delete, my skips and deletes cover text that is already gone.
                    if (theirs instanceof Skip) {
                        out.add(chunk);
                    }
                }
            }
        }
        for (Component rest = mine.takeRest(); rest != null; rest = mine.takeRest()) {
            out.add(rest);
        }
        return out.build();
    }

    /** Returns one operation with the effect of applying {@code first} and then {@code second}. */
    public static TextOp compose(TextOp first, TextOp second) {
        ComponentReader earlier = new ComponentReader(first);
        OpBuilder out = new OpBuilder();
        for (Component later : second.components()) {
            if (later instanceof Insert) {
                out.add(later);
                continue;
            }
            int left = later.length();
            while (left > 0) {
                Component chunk = earlier.take(left, ComponentReader.Whole.DELETES);
                if (chunk instanceof Delete) {
                    out.add(chunk);
                    continue;
                }
                left -= chunk.length();
                if (later instanceof Skip) {
                    out.add(chunk);
                } else if (chunk instanceof Skip) {
                    out.delete(chunk.length());
                }
                // Deleting text the first op inserted: the two cancel out.
            }
        }
        for (Component rest = earlier.takeRest(); rest != null; rest = earlier.takeRest()) {
            out.add(rest);
        }
        return out.build();
    }

    /**
     * Moves a caret through {@code op}, as ot-text's transformSelection does. For someone else's op
     * the caret keeps its place in the text: it stays before text inserted exactly at it and
     * moves to the start of a deleted range around it. For the caret's owner's op it jumps to
     * the end of the op's last edit; an op that changes nothing leaves it where it was.
     */
    public static int transformCursor(int cursor, TextOp op, boolean ownOp) {
        if (cursor < 0) {
            throw new IllegalArgumentException("cursor must not be negative, got " + cursor);
        }
        return ownOp ? endOfLastEdit(cursor, op.normalize()) : shift(cursor, op);
    }

    private static int endOfLastEdit(int cursor, TextOp op) {
        if (op.isNoop()) {
            return cursor;
        }
        int pos = 0;
        for (Component c : op.components()) {
            if (!(c instanceof Delete)) {
                pos += c.length();
            }
        }
        return pos;
    }

    private static int shift(int cursor, TextOp op) {
        int pos = 0;
        for (Component c : op.components()) {
            if (cursor <= pos) {
                break;
            }
            if (c instanceof Skip) {
                if (cursor <= pos + c.length()) {
                    break;
                }
                pos += c.length();
            } else if (c instanceof Insert) {
                pos += c.length();
                cursor += c.length();
            } else {
                cursor -= Math.min(c.length(), cursor - pos);
            }
        }
        return cursor;
    }
}
