package dev.pdkit.transport.apache;

import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.testkit.contract.TransportContract;

/** {@link ApacheTransport} against the transport contract, with no deviation. */
class ApacheTransportContractTest extends TransportContract {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return ApacheTransport.create(options);
    }
}
