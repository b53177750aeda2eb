/**
 * The default pdkit transport: {@link dev.pdkit.transport.jdk.JdkTransport} implements the
 * {@link dev.pdkit.spi.Transport} port on the JDK's {@link java.net.http.HttpClient}, and
 * {@link dev.pdkit.transport.jdk.JdkTransportProvider} offers it to
 * {@link java.util.ServiceLoader} under the name {@code jdk}.
 *
 * <p>This package holds no PagerDuty logic: it sends one HTTP exchange per call and reports what
 * happened. Retries, status interpretation, wrapping and pagination live in pd-core. Both public
 * types are thread-safe.
 */
package dev.pdkit.transport.jdk;
