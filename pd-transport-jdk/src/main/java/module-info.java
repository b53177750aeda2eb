/** The default pdkit transport, on {@code java.net.http.HttpClient}. */
module dev.pdkit.transport.jdk {
    requires transitive dev.pdkit.core;
    // Transitive because JdkTransport.wrap takes a java.net.http.HttpClient.
    requires transitive java.net.http;

    exports dev.pdkit.transport.jdk;

    provides dev.pdkit.spi.TransportProvider with dev.pdkit.transport.jdk.JdkTransportProvider;
}
