/**
 * The pdkit JSON codec on Jackson databind 2.x: {@link dev.pdkit.json.jackson.JacksonJsonCodec}
 * and its {@link java.util.ServiceLoader} provider
 * {@link dev.pdkit.json.jackson.JacksonJsonCodecProvider} (name {@code jackson}).
 *
 * <p>Putting this module on the module path or class path is enough for pdkit clients to find the
 * codec; pass {@link dev.pdkit.json.jackson.JacksonJsonCodec#create(com.fasterxml.jackson.databind.ObjectMapper)}
 * to a client builder to bind with an application's own {@code ObjectMapper}.
 *
 * <p>The codec pdkit creates itself (the provider's, and
 * {@link dev.pdkit.json.jackson.JacksonJsonCodec#create()}) binds records and beans to PagerDuty's
 * snake_case JSON by default: a component {@code createdAt} is the JSON member {@code created_at}
 * when reading and when writing. Map keys are never renamed, an explicit {@code @JsonProperty}
 * wins, {@code java.time} types bind as ISO-8601 strings, and unknown members are ignored. A codec
 * on an application's own mapper keeps that mapper's naming strategy.
 */
package dev.pdkit.json.jackson;
