package dev.pdkit.compat;

import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.JsonCodec;
import dev.pdkit.testkit.contract.JsonCodecContract;

/** The codec contract for pdkit's Jackson codec on Jackson 2.19, Spring Boot 3.5's line. */
class JacksonCodecContractTest extends JsonCodecContract {

    @Override
    protected JsonCodec createCodec() {
        return JacksonJsonCodec.create();
    }
}
