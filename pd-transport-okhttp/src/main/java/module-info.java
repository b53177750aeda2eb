/** A pdkit transport on OkHttp 5, for applications that already use OkHttp. */
module dev.pdkit.transport.okhttp {
    requires transitive dev.pdkit.core;
    // Transitive because OkHttpTransport.wrap takes an okhttp3.OkHttpClient. okhttp-jvm 5 is a real
    // module that itself requires kotlin.stdlib and okio transitively, so nothing else is needed.
    requires transitive okhttp3;

    exports dev.pdkit.transport.okhttp;

    provides dev.pdkit.spi.TransportProvider with dev.pdkit.transport.okhttp.OkHttpTransportProvider;
}
