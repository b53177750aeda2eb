package dev.pdkit.compat;

import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.testkit.contract.TransportContract;
import dev.pdkit.transport.apache.ApacheTransport;
import dev.pdkit.transport.jdk.JdkTransport;
import dev.pdkit.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.Nested;

/**
 * The transport contract on Spring Boot 3.5's pins: OkHttp over kotlin-stdlib 1.9, HttpClient 5.5
 * with HttpCore 5.3. Each transport declares the deviations its own module's contract test declares.
 */
class TransportContractsTest {

    @Nested
    class Jdk extends TransportContract {
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

    @Nested
    class OkHttp extends TransportContract {
        @Override
        protected Transport createTransport(TransportOptions options) {
            return OkHttpTransport.create(options);
        }

        @Override
        protected boolean sendsBodyWith(String method) {
            return !method.equals("GET") && !method.equals("HEAD");
        }
    }

    @Nested
    class Apache extends TransportContract {
        @Override
        protected Transport createTransport(TransportOptions options) {
            return ApacheTransport.create(options);
        }
    }
}
