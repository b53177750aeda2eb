/**
 * Macro benchmarks: plain {@code main} programs that each measure pdkit and a baseline in the same
 * run, interleave their rounds after a warm-up, and print the medians, the ratio, the target and
 * PASS or MISS. They use only pdkit's public API, the adapters and pd-testkit; everything listens
 * on 127.0.0.1 and nothing contacts another host.
 *
 * <p>Every program takes {@code --quick} (the smallest configuration, which the smoke tests run)
 * and flags that change one setting, e.g. {@code --rounds 3}; see each class.
 */
package dev.pdkit.bench.macro;
