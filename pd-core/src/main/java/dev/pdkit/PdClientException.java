package dev.pdkit;

/**
 * The root of every exception pdkit throws: something went wrong talking to PagerDuty, or the
 * client was asked for something it cannot do. Unchecked.
 *
 * <p>Subclasses: {@link PdHttpException} (the API answered with an error status),
 * {@link PdServerException} (a 5xx or an unusable success body), {@link PdUrlException} (a URL
 * the client refuses) and {@link PdPaginationLimitException} (PagerDuty's 10,000-record cap).
 * A network failure after the last retry is a plain {@code PdClientException} whose cause is the
 * last {@link java.io.IOException}, with earlier failures attached as suppressed exceptions.
 */
public class PdClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public PdClientException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public PdClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
