package dev.pdkit.bench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pdkit.internal.wrapping.CanonicalPaths;
import dev.pdkit.internal.wrapping.EndpointTable;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The path benchmarks look up what they claim to: every path of the table, each one matched. */
class EndpointPathsTest {

    @Test
    void everyPathOfTheTableIsThereOnceAndMatchesAPattern() {
        List<EndpointPaths.Entry> all = EndpointPaths.all();
        assertEquals(EndpointPaths.COUNT, all.size());
        assertEquals(EndpointPaths.COUNT, new HashSet<>(all.stream().map(EndpointPaths.Entry::pattern).toList()).size());
        CanonicalPaths paths = EndpointTable.defaultTable().paths();
        long own = 0;
        for (EndpointPaths.Entry e : all) {
            String matched = paths.match(e.path());
            assertNotNull(matched, e.path());
            if (matched.equals(e.pattern())) {
                own++;
            }
        }
        // A literal segment beats a parameter, so a badly chosen value could land on another pattern;
        // the values are chosen so that every path comes back to its own.
        assertEquals(EndpointPaths.COUNT, own, "paths that match their own pattern");
    }
}
