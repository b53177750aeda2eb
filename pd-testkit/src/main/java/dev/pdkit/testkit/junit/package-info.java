/** The JUnit Jupiter extension that starts, injects and resets a fake PagerDuty. */
package dev.pdkit.testkit.junit;
