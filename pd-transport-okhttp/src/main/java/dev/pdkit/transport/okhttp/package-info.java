/**
 * A pdkit transport on OkHttp 5: {@link dev.pdkit.transport.okhttp.OkHttpTransport} implements the
 * {@link dev.pdkit.spi.Transport} port on an {@link okhttp3.OkHttpClient} (its own, or the host
 * application's), and {@link dev.pdkit.transport.okhttp.OkHttpTransportProvider} offers it to
 * {@link java.util.ServiceLoader} under the name {@code okhttp}.
 *
 * <p>This package holds no PagerDuty logic: it sends one HTTP exchange per call and reports what
 * happened. Retries, status interpretation, wrapping and pagination live in pd-core. Both public
 * types are thread-safe.
 */
package dev.pdkit.transport.okhttp;
