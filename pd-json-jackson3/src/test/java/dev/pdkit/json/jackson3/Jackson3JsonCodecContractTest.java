package dev.pdkit.json.jackson3;

import dev.pdkit.spi.JsonCodec;
import dev.pdkit.testkit.contract.JsonCodecContract;

/** The Jackson 3 codec against the codec contract every pdkit codec passes. */
class Jackson3JsonCodecContractTest extends JsonCodecContract {

    @Override
    protected JsonCodec createCodec() {
        return Jackson3JsonCodec.create();
    }
}
