/**
 * Not published: pdkit's runnable quickstart ({@link dev.pdkit.examples.Quickstart}). It reads
 * pdkit as an application does: the clients from {@code dev.pdkit.core}, the fake PagerDuty from
 * {@code dev.pdkit.testkit}, and a transport and a JSON codec found through {@link java.util.ServiceLoader}.
 */
module dev.pdkit.examples {
    requires dev.pdkit.core;
    requires dev.pdkit.testkit;

    exports dev.pdkit.examples;
    // The quickstart binds a response to its own record; the codec (whichever is found) binds by
    // reflection, so the package is open to it.
    opens dev.pdkit.examples;
}
