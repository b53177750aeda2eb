/** The pdkit JSON codec, on Jackson databind 3.x ({@code tools.jackson}). */
module dev.pdkit.json.jackson3 {
    requires transitive dev.pdkit.core;
    requires transitive tools.jackson.databind;
    exports dev.pdkit.json.jackson3;
    provides dev.pdkit.spi.JsonCodecProvider with dev.pdkit.json.jackson3.Jackson3JsonCodecProvider;
}
