/**
 * Not published: a module that, like an application, requires only {@code dev.pdkit.core} and gets
 * its transports and codec through service binding. Its main class is what the forked smoke test
 * runs with a plain {@code java -p ... -m ...}.
 */
module dev.pdkit.moduletests {
    requires dev.pdkit.core;
    requires jdk.httpserver;

    // To list every provider on the module path, as an application's diagnostics would.
    uses dev.pdkit.spi.TransportProvider;
    uses dev.pdkit.spi.JsonCodecProvider;

    exports dev.pdkit.moduletests;
}
