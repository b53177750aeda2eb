package dev.pdkit.transport.jdk;

import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.testkit.contract.TransportContract;

/**
 * {@link JdkTransport} against the transport contract, with two deviations of
 * {@link java.net.http.HttpClient} that the transport cannot switch off:
 * <ul>
 *   <li>When the connection closes before any byte of the response arrived, the JDK sends a
 *       {@code GET} (or {@code HEAD}) once more by itself (its {@code ConnectionExpiredException}
 *       retry, which no {@code jdk.httpclient.*} property disables); never a {@code POST}.</li>
 *   <li>{@link JdkTransport#close()} cannot close the pooled connections: {@code HttpClient} has no
 *       {@code close()} before Java 21 (and the transport does not call it on 21+ either); they go
 *       when the client is garbage-collected. The contract reports that check as skipped.</li>
 * </ul>
 */
class JdkTransportContractTest extends TransportContract {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return JdkTransport.create(options);
    }

    @Override
    protected boolean repeatsGetOnceAfterEarlyClose() {
        return true;
    }

    @Override
    protected boolean closesIdleConnectionsOnClose() {
        return false;
    }
}
