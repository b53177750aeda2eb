/**
 * The table-driven engine: answers every REST operation that no family handles, using only what
 * the endpoint table says about it (wrappers, success status, pagination). Not exported.
 */
package dev.pdkit.testkit.generic;
