package dev.pdkit.spi;

import java.lang.reflect.Type;

/**
 * The JSON port. Core works on plain Java trees: {@code Map<String,Object>} (insertion-ordered),
 * {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean} and {@code null}.
 *
 * <p>Implementations MUST be thread-safe. Numbers MUST be read exactly: integers as {@code Integer},
 * {@code Long} or {@code BigInteger} and never as {@code double}; decimals as {@code Double} only when
 * that is exact, else {@code BigDecimal}. Failures are {@link JsonCodecException}s.
 */
public interface JsonCodec {

    /** Encodes a plain tree, or any object the codec can bind, as UTF-8 JSON. */
    byte[] write(Object value);

    /**
     * Decodes UTF-8 JSON into a plain tree.
     *
     * @throws JsonCodecException if the input is not one complete JSON value; the message gives
     *     the position of the error
     */
    Object read(byte[] json);

    /**
     * Binds a plain tree (as returned by {@link #read}) to {@code type}. Unknown properties MUST be
     * ignored, so a new field in a PagerDuty response never breaks a caller's class.
     */
    <T> T convert(Object tree, Type type);

    /** A short name for logs, e.g. {@code jackson}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
