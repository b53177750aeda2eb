/**
 * pdkit's testkit: a fake PagerDuty on {@code 127.0.0.1}, a JUnit Jupiter extension for it, and
 * the contract suites that transport and codec adapters run. JUnit is optional: only the
 * extension and the contract suites need it, and whoever uses those has it.
 */
module dev.pdkit.testkit {
    requires transitive dev.pdkit.core;
    requires dev.pdkit.json.jackson;
    requires jdk.httpserver;
    requires static org.junit.jupiter.api;

    // Exports are added with the packages' first classes: dev.pdkit.testkit, .junit, .contract.
}
