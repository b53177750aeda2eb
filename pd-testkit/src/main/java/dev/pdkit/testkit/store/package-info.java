/**
 * The fake account's data: resources as JSON trees in collections keyed by their API path, with
 * PagerDuty-style ids, {@code self} links on the fake and plausible {@code html_url}s. Not exported.
 */
package dev.pdkit.testkit.store;
