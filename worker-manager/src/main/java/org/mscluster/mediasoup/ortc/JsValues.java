package org.mscluster.mediasoup.ortc;

/**
 * The two JavaScript comparisons Node's ortc relies on, for the loosely typed values of codec
 * parameters. Matching must behave as in Node, e.g. {@code packetization-mode} {@code "1"} (a string)
 * is not {@code 1} (a number), and {@code 0}, {@code ""} and absent all count as "not given".
 */
final class JsValues {

    private JsValues() {
    }

    /** JavaScript truthiness, with {@code null} standing for {@code undefined}. */
    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (value instanceof String string) {
            return !string.isEmpty();
        }
        return true;
    }

    /** {@code ===}: numbers compare by value whatever their Java type; other types never equal each other. */
    static boolean strictEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a.equals(b);
    }

    /** {@code value || 0}. */
    static Object orZero(Object value) {
        return truthy(value) ? value : Integer.valueOf(0);
    }
}
