package dev.pdkit.testkit.rest;

import java.util.List;
import java.util.Map;

/**
 * A PagerDuty error reply, thrown by handlers and turned into
 * {@code {"error":{"message":...,"code":...,"errors":[...]}}} by the dispatcher. Why an exception:
 * validation happens deep inside handlers, and unwinding is the shortest way to the reply.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final List<String> errors;

    /**
     * An error with PagerDuty's body.
     *
     * @param status the HTTP status
     * @param code PagerDuty's error code
     * @param message the {@code message} member
     * @param errors the {@code errors} member; empty leaves it out
     */
    public ApiError(int status, int code, String message, List<String> errors) {
        // No stack trace: these are ordinary replies, not bugs.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** 404 {@code {"error":{"message":"Not Found","code":2100}}}. */
    public static ApiError notFound() {
        return new ApiError(404, 2100, "Not Found", List.of());
    }

    /** 400, code 2001 "Invalid Input Provided", with details. */
    public static ApiError invalid(String... errors) {
        return new ApiError(400, 2001, "Invalid Input Provided", List.of(errors));
    }

    /** 400, code 2002 "Arguments Caused Error", with details. */
    public static ApiError arguments(String... errors) {
        return new ApiError(400, 2002, "Arguments Caused Error", List.of(errors));
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** PagerDuty's error code. */
    public int code() {
        return code;
    }

    /** The JSON body. */
    public Map<String, Object> body() {
        return body(code, getMessage(), errors);
    }

    /** The reply. */
    public Reply reply() {
        return Reply.json(status, body());
    }

    /** PagerDuty's error body; {@code errors} is left out when empty. */
    public static Map<String, Object> body(int code, String message, List<String> errors) {
        Map<String, Object> error = Json.obj("message", message, "code", code);
        if (!errors.isEmpty()) {
            error.put("errors", errors);
        }
        return Json.obj("error", error);
    }

    /**
     * The error body a bare status would carry (used by status faults and rate limiting); an empty
     * object below 400.
     */
    public static Map<String, Object> forStatus(int status) {
        return switch (status) {
            case 400 -> body(2001, "Invalid Input Provided", List.of());
            case 401 -> body(2006, "Authentication failed", List.of());
            case 402 -> body(2014, "Missing Account Ability", List.of());
            case 403 -> body(2010, "Access Denied", List.of());
            case 404 -> body(2100, "Not Found", List.of());
            case 429 -> body(2020, "Rate Limit Exceeded", List.of());
            case 409 -> body(2001, "Conflict", List.of());
            case 413 -> body(2001, "Request Entity Too Large", List.of());
            case 500 -> body(2000, "Internal Server Error", List.of());
            case 502 -> body(2000, "Bad Gateway", List.of());
            case 503 -> body(2000, "Service Unavailable", List.of());
            case 504 -> body(2000, "Gateway Timeout", List.of());
            default -> status < 400 ? Json.obj() : body(status >= 500 ? 2000 : 2001, "HTTP " + status, List.of());
        };
    }
}
