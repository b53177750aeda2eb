/**
 * The Events API v2 on the fake: {@code /v2/enqueue} with PagerDuty's validation and dedup
 * semantics, opening, acknowledging and resolving incidents that REST then shows, and
 * {@code /v2/change/enqueue} feeding the change events. Not exported.
 */
package dev.pdkit.testkit.events;
