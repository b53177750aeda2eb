/** The pdkit JSON codec, on Jackson databind 2.x. */
module dev.pdkit.json.jackson {
    requires transitive dev.pdkit.core;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.pdkit.json.jackson;

    provides dev.pdkit.spi.JsonCodecProvider with dev.pdkit.json.jackson.JacksonJsonCodecProvider;
}
