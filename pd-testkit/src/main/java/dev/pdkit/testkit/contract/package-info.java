/**
 * Contract suites for adapters: abstract JUnit Jupiter classes that a transport's or codec's
 * tests extend with one factory method, so every adapter, ours or a third party's, is held to the
 * same behaviour.
 */
package dev.pdkit.testkit.contract;
