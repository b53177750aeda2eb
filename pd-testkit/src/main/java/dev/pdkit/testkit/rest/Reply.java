package dev.pdkit.testkit.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the fake answers: status, body and extra headers, plus how to deliver it. Immutable; the
 * body array is owned by the reply and never changed.
 *
 * @param status the HTTP status
 * @param body the body bytes; empty for none
 * @param headers extra headers beyond the standard ones (content type, request id, rate limit)
 * @param delivery how the bytes go on the wire (a fault may break them)
 * @param unmatched true when no route matched or the fake failed: the journal lists such requests
 */
public record Reply(int status, byte[] body, Map<String, String> headers, Delivery delivery, boolean unmatched) {

    /** How a reply is written. */
    public enum Delivery {
        /** Status, headers and the whole body with a fixed Content-Length. */
        NORMAL,
        /** The connection is closed without a response. */
        DROP,
        /** Headers announce the whole body, half of it is written, then the connection is closed. */
        TRUNCATE
    }

    private static final byte[] NONE = new byte[0];

    /** Normalises the header map to an immutable copy. */
    public Reply {
        headers = Map.copyOf(headers);
        body = body == null ? NONE : body;
    }

    /** A JSON reply. */
    public static Reply json(int status, Object tree) {
        return new Reply(status, Json.write(tree), Map.of(), Delivery.NORMAL, false);
    }

    /** A reply without a body, e.g. 204. */
    public static Reply empty(int status) {
        return new Reply(status, NONE, Map.of(), Delivery.NORMAL, false);
    }

    /** The same reply marked as not matched by any route. */
    public Reply asUnmatched() {
        return new Reply(status, body, headers, delivery, true);
    }

    /** The same reply with another delivery. */
    public Reply withDelivery(Delivery d) {
        return new Reply(status, body, headers, d, unmatched);
    }

    /** The same reply with another body. */
    public Reply withBody(byte[] b) {
        return new Reply(status, b, headers, delivery, unmatched);
    }

    /** The same reply with one more header. */
    public Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, body, h, delivery, unmatched);
    }
}
