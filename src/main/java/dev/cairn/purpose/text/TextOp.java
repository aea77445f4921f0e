package dev.cairn.purpose.text;

import java.util.List;
import java.util.Objects;

/**
 * An edit to a plain-text document, as a list of skip / insert / delete steps walking it from the
 * start (the ot-text format used by ShareDB). Positions count UTF-16 code units.
 */
public record TextOp(List<Component> components) {

    /** The operation that changes nothing. */
    public static final TextOp NOOP = new TextOp(List.of());

    /** Freezes the component list so an operation can be shared between threads. */
    public TextOp {
        components = List.copyOf(Objects.requireNonNull(components, "components"));
    }

    /**
     * Builds an operation from shorthand parts: an Integer skips, a String inserts and a
     * {@link Component} (such as {@link #del(int)}) is used as it is. The result is not normalized.
     */
    public static TextOp of(Object... parts) {
        Component[] out = new Component[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Object p = parts[i];
            if (p instanceof Integer n) {
                out[i] = new Skip(n);
            } else if (p instanceof String s) {
                out[i] = new Insert(s);
            } else if (p instanceof Component c) {
                out[i] = c;
            } else {
                throw new InvalidOpException("cannot make a component from " + p);
            }
        }
        return new TextOp(List.of(out));
    }

    /** Shorthand for a delete component, for use with {@link #of(Object...)}. */
    public static Delete del(int n) {
        return new Delete(n);
    }

    /** The operation that inserts {@code text} at {@code position}. */
    public static TextOp insertAt(int position, String text) {
        return new OpBuilder().skip(position).add(new Insert(text)).build();
    }

    /** The operation that deletes {@code count} units starting at {@code position}. */
    public static TextOp deleteAt(int position, int count) {
        return new OpBuilder().skip(position).delete(count).build();
    }

    /** Same effect, in canonical form: neighbours of one kind merged and no trailing skip. */
    public TextOp normalize() {
        OpBuilder b = new OpBuilder();
        components.forEach(b::add);
        return b.build();
    }

    /** Whether this operation is already in canonical form. */
    public boolean isNormalized() {
        return normalize().equals(this);
    }

    /** Whether applying this operation leaves every document unchanged. */
    public boolean isNoop() {
        return components.stream().allMatch(c -> c instanceof Skip);
    }

    /** The shortest document this operation can apply to: all units it skips or deletes. */
    public int baseLength() {
        long total = 0;
        for (Component c : components) {
            if (!(c instanceof Insert)) {
                total += c.length();
            }
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /** The JSON-ready form: Integer skips, String inserts and {@code {"d": n}} deletes. */
    public List<Object> toWire() {
        return OpWire.encode(this);
    }

    /** Reads the JSON-decoded form, throwing {@link InvalidOpException} when it is malformed. */
    public static TextOp fromWire(List<?> wire) {
        return OpWire.decode(wire);
    }

    /** The wire form, e.g. {@code [3, "hi", {d:2}]}, for logs and test failures. */
    @Override
    public String toString() {
        return OpWire.describe(this);
    }
}
