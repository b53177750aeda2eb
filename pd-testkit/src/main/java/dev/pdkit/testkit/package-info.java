/**
 * The fake PagerDuty: {@link dev.pdkit.testkit.FakePagerDuty} and the values of its test API.
 */
package dev.pdkit.testkit;
