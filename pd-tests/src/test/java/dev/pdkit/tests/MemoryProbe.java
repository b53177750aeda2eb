package dev.pdkit.tests;

import dev.pdkit.RestApiV2Client;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run by {@link PaginationMemoryTest} in a child JVM with a small heap: iterates a collection
 * through {@code iterAll} and prints how many records it saw. Arguments: the server's base URL,
 * the path, the expected count, and optionally {@code hold} to keep every record (which must run
 * out of memory, proving the heap is small enough for the test to mean something).
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String path = args[1];
        long expected = Long.parseLong(args[2]);
        boolean hold = args.length > 3 && args[3].equals("hold");
        List<Map<String, Object>> held = new ArrayList<>();
        long count = 0;
        try (RestApiV2Client client = RestApiV2Client.builder("probe-token-0000").baseUrl(url).build();
                Stream<Map<String, Object>> all = client.iterAll(path).stream()) {
            Iterator<Map<String, Object>> it = all.iterator();
            while (it.hasNext()) {
                Map<String, Object> record = it.next();
                if (hold) {
                    held.add(record);
                }
                count++;
            }
        }
        System.out.println("records=" + count + " held=" + held.size() + " maxMemory=" + Runtime.getRuntime().maxMemory());
        System.exit(count == expected ? 0 : 3);
    }
}
