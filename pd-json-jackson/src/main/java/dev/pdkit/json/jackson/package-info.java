/**
 * The pdkit JSON codec on Jackson databind 2.x: {@link dev.pdkit.json.jackson.JacksonJsonCodec}
 * and its {@link java.util.ServiceLoader} provider
 * {@link dev.pdkit.json.jackson.JacksonJsonCodecProvider} (name {@code jackson}).
 *
 * <p>Putting this module on the module path or class path is enough for pdkit clients to find the
 * codec; pass {@link dev.pdkit.json.jackson.JacksonJsonCodec#create(com.fasterxml.jackson.databind.ObjectMapper)}
 * to a client builder to bind with an application's own {@code ObjectMapper}.
 */
package dev.pdkit.json.jackson;
