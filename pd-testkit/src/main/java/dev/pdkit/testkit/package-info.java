/**
 * The fake PagerDuty: {@link dev.pdkit.testkit.FakePagerDuty} (start, URLs, credentials, journal,
 * faults, stubs, reset), {@link dev.pdkit.testkit.Seed} (adding data in code),
 * {@link dev.pdkit.testkit.Fault} (what goes wrong with a request),
 * {@link dev.pdkit.testkit.RecordedRequest} (what the fake received) and
 * {@link dev.pdkit.testkit.FakePagerDutyMain} (the standalone program). The JUnit Jupiter extension
 * is in {@link dev.pdkit.testkit.junit}.
 *
 * <p>Everything else of the fake lives in packages this module does not export: {@code server}
 * (HTTP front end and request pipeline), {@code rest} (wire conventions), {@code routing}
 * (endpoint table and routing), {@code store} (resources), {@code families} (hand-written REST
 * handlers and seeding), {@code events} (Events API v2) and {@code generic} (the table-driven
 * engine for every other operation).
 */
package dev.pdkit.testkit;
