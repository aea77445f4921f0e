package dev.cairn.purpose.text;

import java.util.List;

/**
 * Hands out an operation's components piece by piece, so transform and compose can walk two
 * operations in step. Past the last component the operation is treated as skipping forever.
 */
final class ComponentReader {

    /** Which kind of component must be handed out whole even when more was asked for than wanted. */
    enum Whole { INSERTS, DELETES }

    private final List<Component> components;
    private int index;
    /** How many units of the current component were already handed out. */
    private int offset;

    ComponentReader(TextOp op) {
        this.components = op.components();
    }

    /** The component the next take will come from, or null when the operation is used up. */
    Component peek() {
        return index < components.size() ? components.get(index) : null;
    }

    /** Takes what is left of the current component, or null when the operation is used up. */
    Component takeRest() {
        if (index == components.size()) {
            return null;
        }
        return takeUpTo(Integer.MAX_VALUE, null);
    }

    /**
     * Takes at most {@code max} units; a component of the {@code whole} kind is taken in full
     * however long it is. Past the end this yields a skip of {@code max}.
     */
    Component take(int max, Whole whole) {
        if (index == components.size()) {
            return new Skip(max);
        }
        return takeUpTo(max, whole);
    }

    private Component takeUpTo(int max, Whole whole) {
        Component c = components.get(index);
        int left = c.length() - offset;
        boolean keepWhole = (whole == Whole.INSERTS && c instanceof Insert)
                || (whole == Whole.DELETES && c instanceof Delete);
        int n = keepWhole || left <= max ? left : max;
        int start = offset;
        if (n == left) {
            index++;
            offset = 0;
        } else {
            offset += n;
        }
        if (c instanceof Skip) {
            return new Skip(n);
        } else if (c instanceof Delete) {
            return new Delete(n);
        } else {
            return new Insert(((Insert) c).text().substring(start, start + n));
        }
    }
}
