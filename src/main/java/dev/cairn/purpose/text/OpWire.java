package dev.cairn.purpose.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts operations to and from the JSON-decoded shapes used on the wire, checking them. */
final class OpWire {
    private OpWire() {
    }

    static List<Object> encode(TextOp op) {
        List<Object> out = new ArrayList<>(op.components().size());
        for (Component c : op.components()) {
            if (c instanceof Skip s) {
                out.add(s.n());
            } else if (c instanceof Insert i) {
                out.add(i.text());
            } else {
                out.add(Map.of("d", c.length()));
            }
        }
        return out;
    }

    static TextOp decode(List<?> wire) {
        if (wire == null) {
            throw new InvalidOpException("operation must be a list, got null");
        }
        List<Component> out = new ArrayList<>(wire.size());
        for (int i = 0; i < wire.size(); i++) {
            out.add(component(wire.get(i), i));
        }
        return new TextOp(out);
    }

    private static Component component(Object item, int index) {
        if (item instanceof String s) {
            if (s.isEmpty()) {
                throw bad(index, "insert must not be empty");
            }
            return new Insert(s);
        }
        if (item instanceof Number n) {
            return new Skip(positiveInt(n, index, "skip"));
        }
        if (item instanceof Map<?, ?> m) {
            if (m.size() != 1 || !m.containsKey("d")) {
                throw bad(index, "object component must be {\"d\": n}, got " + m);
            }
            if (!(m.get("d") instanceof Number n)) {
                throw bad(index, "delete count must be a number, got " + m.get("d"));
            }
            return new Delete(positiveInt(n, index, "delete"));
        }
        throw bad(index, "expected a number, string or {\"d\": n}, got "
                + (item == null ? "null" : item.getClass().getSimpleName() + " " + item));
    }

    /** Accepts any integral number type whose value is a positive int, e.g. 3, 3L or 3.0. */
    private static int positiveInt(Number n, int index, String what) {
        BigDecimal value;
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            value = BigDecimal.valueOf(n.longValue());
        } else if (n instanceof BigInteger b) {
            value = new BigDecimal(b);
        } else if (n instanceof BigDecimal d) {
            value = d;
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw bad(index, what + " must be a finite number, got " + n);
            }
            value = BigDecimal.valueOf(d);
        } else {
            throw bad(index, what + " has unsupported number type " + n.getClass().getSimpleName());
        }
        if (value.signum() <= 0) {
            throw bad(index, what + " must be positive, got " + n);
        }
        if (value.stripTrailingZeros().scale() > 0) {
            throw bad(index, what + " must be a whole number, got " + n);
        }
        if (value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw bad(index, what + " is too large: " + n);
        }
        return value.intValueExact();
    }

    private static InvalidOpException bad(int index, String message) {
        return new InvalidOpException("component " + index + ": " + message);
    }

    static String describe(TextOp op) {
        StringBuilder sb = new StringBuilder("[");
        for (Component c : op.components()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            if (c instanceof Skip s) {
                sb.append(s.n());
            } else if (c instanceof Insert i) {
                sb.append('"').append(i.text().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append("{d:").append(c.length()).append('}');
            }
        }
        return sb.append(']').toString();
    }
}
