package dev.pdkit.spi;

/**
 * A {@link JsonCodec} failed to read, write or bind a value. The message says what and, for
 * malformed input, where (line, column and byte offset when the codec knows them).
 */
public class JsonCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message and the codec library's own exception. */
    public JsonCodecException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception with a message. */
    public JsonCodecException(String message) {
        super(message);
    }
}
