package dev.pdkit.transport.okhttp;

import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.testkit.contract.TransportContract;

/**
 * {@link OkHttpTransport} against the transport contract. One deviation: OkHttp cannot send a body
 * with {@code GET} or {@code HEAD} ({@code Request.Builder.method} refuses it), so the transport
 * refuses such a request with {@link IllegalArgumentException} before sending anything, which the
 * contract accepts in place of sending the body.
 */
class OkHttpTransportContractTest extends TransportContract {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return OkHttpTransport.create(options);
    }

    @Override
    protected boolean sendsBodyWith(String method) {
        return !method.equals("GET") && !method.equals("HEAD");
    }
}
