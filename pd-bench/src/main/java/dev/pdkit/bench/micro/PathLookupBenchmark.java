package dev.pdkit.bench.micro;

import dev.pdkit.internal.wrapping.CanonicalPaths;
import dev.pdkit.internal.wrapping.EndpointTable;
import dev.pdkit.internal.wrapping.EntityWrapping;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What every REST request pays before it is sent: finding the path pattern of the request path
 * ({@code /users/PABC123} to {@code /users/{id}}) and deciding its wrappers from the endpoint table.
 * Each invocation sweeps all {@value EndpointPaths#COUNT} paths of the table, so branch prediction
 * and caches see the real mix rather than one hot path; the score is per path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
// Longer than the others: on 2 cores the sweep runs 5 to 10 times slower for its first 3 to 8
// seconds, until C2 has compiled the trie walk; the figure wanted is the steady state after that.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class PathLookupBenchmark {

    private CanonicalPaths canonical;
    private String[] paths;
    private String[] methods;
    private String[] unknownPaths;

    /** Loads the table and the concrete paths outside the measurement. */
    @Setup
    public void setup() {
        canonical = EndpointTable.defaultTable().paths();
        List<EndpointPaths.Entry> entries = EndpointPaths.all();
        paths = entries.stream().map(EndpointPaths.Entry::path).toArray(String[]::new);
        methods = entries.stream().map(EndpointPaths.Entry::method).toArray(String[]::new);
        // Paths the table doesn't know take the inference branch (an endpoint newer than pdkit).
        unknownPaths = entries.stream().map(e -> "/future_things" + e.path()).toArray(String[]::new);
        for (String p : paths) {
            if (canonical.match(p) == null) {
                throw new IllegalStateException("no pattern matches " + p);
            }
        }
    }

    /** {@code CanonicalPaths.match}: the trie walk alone. */
    @Benchmark
    @OperationsPerInvocation(EndpointPaths.COUNT)
    public void canonicalPath(Blackhole bh) {
        for (String p : paths) {
            bh.consume(canonical.match(p));
        }
    }

    /** {@code EntityWrapping.decide}: the trie walk, the table lookup and the wrapper decision. */
    @Benchmark
    @OperationsPerInvocation(EndpointPaths.COUNT)
    public void wrapperDecision(Blackhole bh) {
        for (int i = 0; i < paths.length; i++) {
            bh.consume(EntityWrapping.decide(methods[i], paths[i]));
        }
    }

    /** {@code EntityWrapping.decide} for paths no pattern matches: pdpyras' inference rule. */
    @Benchmark
    @OperationsPerInvocation(EndpointPaths.COUNT)
    public void wrapperDecisionUnknownPath(Blackhole bh) {
        for (int i = 0; i < unknownPaths.length; i++) {
            bh.consume(EntityWrapping.decide(methods[i], unknownPaths[i]));
        }
    }
}
