/**
 * pdkit's testkit: a fake PagerDuty on {@code 127.0.0.1}, a JUnit Jupiter extension for it, and
 * the contract suites that transport and codec adapters run. JUnit is optional: only the
 * extension and the contract suites need it, and whoever uses those has it.
 */
module dev.pdkit.testkit {
    requires transitive dev.pdkit.core;
    // LoopbackServer's Responder hands tests a com.sun.net.httpserver.HttpExchange.
    requires transitive jdk.httpserver;
    requires static org.junit.jupiter.api;

    // Exports are added with the packages' first classes: dev.pdkit.testkit, .junit, .contract.
    exports dev.pdkit.testkit;
    exports dev.pdkit.testkit.junit;
    exports dev.pdkit.testkit.contract;
    // Open because a codec binds JsonCodecContract's records and beans by reflection, and JUnit
    // invokes the contract's test methods, whatever module path the adapter's tests run on.
    opens dev.pdkit.testkit.contract;
}
