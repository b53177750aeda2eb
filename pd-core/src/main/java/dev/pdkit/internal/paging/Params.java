package dev.pdkit.internal.paging;

/** Checks of the numbers a caller may put in pagination parameters. */
final class Params {

    private Params() {
    }

    /** A whole number given as a {@code Number} (an {@code Integer}, a whole {@code Double}, ...) or as text. */
    static long integer(Object value, String name) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue())) {
            return n.longValue();
        }
        if (value instanceof CharSequence s) {
            try {
                return Long.parseLong(s.toString().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("the '" + name + "' parameter must be a whole number, not: " + value);
    }

    static int positive(long n, String name) {
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be at least 1: " + n);
        }
        return (int) n;
    }

    static long nonNegative(long n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + n);
        }
        return n;
    }
}
