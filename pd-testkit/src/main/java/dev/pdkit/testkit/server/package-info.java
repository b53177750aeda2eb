/**
 * The wire side of the fake: the {@code com.sun.net.httpserver} front end with its executor, and
 * the pipeline every request goes through before a handler sees it (journal, faults, latency,
 * rate limit, stubs). Not exported.
 */
package dev.pdkit.testkit.server;
