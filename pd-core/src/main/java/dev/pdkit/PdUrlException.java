package dev.pdkit;

/**
 * A URL, path or resource passed to a client was refused before anything was sent: it points at
 * another host than the client's base URL, uses plain {@code http} to a non-loopback host, is not
 * a path at all, or is a resource map without a {@code self} link. The message names the value.
 *
 * <p>Unlike pdpyras' {@code URLError}, this is a {@link PdClientException}, so one {@code catch}
 * covers every pdkit failure.
 */
public class PdUrlException extends PdClientException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names the offending value. */
    public PdUrlException(String message) {
        super(message);
    }
}
