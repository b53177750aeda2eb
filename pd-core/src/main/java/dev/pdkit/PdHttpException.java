package dev.pdkit;

import dev.pdkit.internal.http.ErrorBody;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The API answered with a status that the call could not accept: a 4xx, a 3xx (PagerDuty never
 * redirects), or an error that outlasted the retries. {@link #response()} is never null.
 *
 * <p>PagerDuty's error body {@code {"error":{"code":2001,"message":"...","errors":[...]}}} is
 * parsed leniently: {@code errors} given as a string or an object, and {@code error} given as an
 * array (as change events do), are all understood.
 *
 * <p>The client's token or routing key never shows in the message, {@link #errorMessage()} or
 * {@link #errors()}, even when the server echoed it; {@link #response()} keeps the body as
 * received.
 */
public class PdHttpException extends PdClientException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;
    private final int attempts;
    private final transient ErrorBody error;

    /** Creates an exception for {@code response}, which must not be null. */
    public PdHttpException(String message, Response response) {
        this(message, response, response.attempts(), null);
    }

    /** Creates an exception for {@code response} after {@code attempts} requests. */
    public PdHttpException(String message, Response response, int attempts, Throwable cause) {
        super(Objects.requireNonNull(response, "response").redact(message), cause);
        this.response = response;
        this.attempts = attempts;
        this.error = ErrorBody.parse(response.jsonIfValid()).map(response::redact);
    }

    /** The last response received; never null. */
    public Response response() {
        return response;
    }

    /** The HTTP status of the response. */
    public int status() {
        return response.status();
    }

    /** How many requests the call made before giving up, retries included. */
    public int attempts() {
        return attempts;
    }

    /** PagerDuty's {@code error.code}, e.g. 2001, when the body carried one. */
    public OptionalInt errorCode() {
        return error.code() == null ? OptionalInt.empty() : OptionalInt.of(error.code());
    }

    /** PagerDuty's {@code error.message}, e.g. "Invalid Input Provided", when present. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(error.message());
    }

    /** PagerDuty's {@code error.errors} details; empty when absent. */
    public List<String> errors() {
        return error.errors();
    }

    /** The {@code X-Request-Id} of the response, to quote to PagerDuty support. */
    public Optional<String> requestId() {
        return response.requestId();
    }
}
