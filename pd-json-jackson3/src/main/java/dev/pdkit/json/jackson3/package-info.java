/**
 * The pdkit JSON codec on Jackson databind 3.x ({@code tools.jackson}):
 * {@link dev.pdkit.json.jackson3.Jackson3JsonCodec} and its {@link java.util.ServiceLoader}
 * provider {@link dev.pdkit.json.jackson3.Jackson3JsonCodecProvider} (name {@code jackson3}), for
 * applications on Jackson 3 such as Spring Boot 4. It reads, writes and binds as pdkit's Jackson 2
 * codec does, snake_case default included; pass
 * {@link dev.pdkit.json.jackson3.Jackson3JsonCodec#create(tools.jackson.databind.json.JsonMapper)}
 * to a client builder to bind with the application's own {@code JsonMapper}.
 */
package dev.pdkit.json.jackson3;
