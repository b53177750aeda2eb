/**
 * Which handler answers a request: the endpoint table (PagerDuty's 465 REST operations, as data),
 * path-pattern matching and the router that prefers a family's hand-written handler over the
 * generic engine. Not exported.
 */
package dev.pdkit.testkit.routing;
