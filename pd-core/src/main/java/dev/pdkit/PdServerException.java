package dev.pdkit;

/**
 * The API failed on its side: a 5xx status that outlasted the retries, or a success status with a
 * body the client cannot use (invalid JSON, a missing wrapper). Quote {@link #requestId()} to
 * PagerDuty support.
 */
public class PdServerException extends PdHttpException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for {@code response}. */
    public PdServerException(String message, Response response) {
        super(message, response);
    }

    /** Creates an exception for {@code response} after {@code attempts} requests. */
    public PdServerException(String message, Response response, int attempts, Throwable cause) {
        super(message, response, attempts, cause);
    }
}
