/**
 * A pdkit transport on Apache HttpClient 5's classic API:
 * {@link dev.pdkit.transport.apache.ApacheTransport} implements the {@link dev.pdkit.spi.Transport}
 * port on a {@code CloseableHttpClient} (its own, or the host application's), and
 * {@link dev.pdkit.transport.apache.ApacheTransportProvider} offers it to
 * {@link java.util.ServiceLoader} under the name {@code apache}.
 *
 * <p>This package holds no PagerDuty logic: it sends one HTTP exchange per call and reports what
 * happened. Retries, status interpretation, wrapping and pagination live in pd-core. Both public
 * types are thread-safe.
 */
package dev.pdkit.transport.apache;
