/**
 * PagerDuty's REST wire conventions, shared by every handler: the parsed request ({@link
 * dev.pdkit.testkit.rest.Call}), the reply, error bodies with PagerDuty's codes, JSON trees,
 * pagination and the common list filters. Not exported.
 */
package dev.pdkit.testkit.rest;
