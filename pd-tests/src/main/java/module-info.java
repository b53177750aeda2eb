/**
 * Not published. The behaviour tests of the clients run patched into this module, so they see
 * pdkit exactly as a user's module does: only the exported packages of dev.pdkit.core, with the
 * adapters found through ServiceLoader.
 */
module dev.pdkit.tests {
    requires dev.pdkit.core;
    // The tests capture log records through java.util.logging, the System.Logger backend.
    requires java.logging;
    // The tests decode what the server received with the same codec the clients find.
    uses dev.pdkit.spi.JsonCodecProvider;

}
