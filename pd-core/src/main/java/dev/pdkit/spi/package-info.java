/**
 * The ports of pdkit: {@link dev.pdkit.spi.Transport} for HTTP and {@link dev.pdkit.spi.JsonCodec}
 * for JSON, their {@link java.util.ServiceLoader} providers, the immutable request and response
 * values they exchange, and {@link dev.pdkit.spi.Sleeper}. Adapters implement these; users only
 * meet them when they pass their own transport or codec to a client builder.
 */
package dev.pdkit.spi;
