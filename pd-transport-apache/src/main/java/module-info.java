/** A pdkit transport on Apache HttpClient 5 (classic API), for applications that already use it. */
@SuppressWarnings("requires-transitive-automatic")
module dev.pdkit.transport.apache {
    requires transitive dev.pdkit.core;
    // httpclient5 5.6 and httpcore5 are automatic modules (no module-info). Transitive because
    // ApacheTransport.wrap takes an org.apache.hc.client5.http.impl.classic.CloseableHttpClient.
    requires transitive org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    // Needed at run time by httpclient5, which as an automatic module cannot say so itself
    // (build-notes G4): without them a plain `java -p ... -m ...` fails with NoClassDefFoundError.
    requires org.slf4j;
    requires jdk.net;

    exports dev.pdkit.transport.apache;

    provides dev.pdkit.spi.TransportProvider with dev.pdkit.transport.apache.ApacheTransportProvider;
}
