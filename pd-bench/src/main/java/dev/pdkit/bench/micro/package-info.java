/**
 * JMH micro benchmarks of pd-core's hot paths: canonical path matching and the wrapper decision
 * over every path of the endpoint table, query encoding, and the backoff arithmetic.
 *
 * <p><b>The one measured exception to a project rule.</b> {@code dev.pdkit.internal..} is used from
 * nowhere but pd-core (it is not exported from the {@code dev.pdkit.core} module). These benchmarks
 * call it directly, because the hot paths are internal and measuring them through the public API
 * would drown them in I/O. They can only do so on the class path, where module encapsulation does
 * not apply, which is how the shaded {@code pd-bench.jar} runs. This package is the only place in
 * pd-bench that may touch the internals; {@code ArchitectureTest} enforces it.
 */
package dev.pdkit.bench.micro;
