package dev.cairn.purpose.text;

import java.util.ArrayList;
import java.util.List;

/** Collects components into a normalized operation, merging neighbours of the same kind. */
final class OpBuilder {
    private final List<Component> out = new ArrayList<>();

    /** Appends a component, folding it into the previous one when both are of the same kind. */
    OpBuilder add(Component c) {
        if (c == null) {
            return this;
        }
        int last = out.size() - 1;
        Component prev = last < 0 ? null : out.get(last);
        if (prev instanceof Skip p && c instanceof Skip s) {
            out.set(last, new Skip(sum(p.n(), s.n())));
        } else if (prev instanceof Insert p && c instanceof Insert s) {
            out.set(last, new Insert(p.text().concat(s.text())));
        } else if (prev instanceof Delete p && c instanceof Delete s) {
            out.set(last, new Delete(sum(p.n(), s.n())));
        } else {
            out.add(c);
        }
        return this;
    }

    /** Appends a skip of {@code n} units; zero is ignored. */
    OpBuilder skip(int n) {
        return n == 0 ? this : add(new Skip(n));
    }

    /** Appends a delete of {@code n} units; zero is ignored. */
    OpBuilder delete(int n) {
        return n == 0 ? this : add(new Delete(n));
    }

    /** Returns the collected operation without its trailing skip, which would change nothing. */
    TextOp build() {
        int last = out.size() - 1;
        if (last >= 0 && out.get(last) instanceof Skip) {
            out.remove(last);
        }
        return new TextOp(out);
    }

    private static int sum(int a, int b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new InvalidOpException("operation is longer than " + Integer.MAX_VALUE + " code units");
        }
    }
}
