/**
 * pdkit core: the PagerDuty clients, all domain logic, and the ports that adapters implement.
 * It reads nothing but {@code java.base}; a transport and a JSON codec are found at run time
 * through {@link java.util.ServiceLoader} or passed to a client's builder.
 */
module dev.pdkit.core {
    exports dev.pdkit;
    exports dev.pdkit.spi;

    uses dev.pdkit.spi.TransportProvider;
    uses dev.pdkit.spi.JsonCodecProvider;
}
