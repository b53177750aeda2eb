package dev.pdkit.bench.macro;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.Transport;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The JVM the memory benchmark forks with a small heap ({@code -Xmx64m}): it iterates every log
 * entry of a {@link SyntheticServer} with {@code iterHistory} and prints one {@code MEMORY-CHILD}
 * line with what it saw and the heap it needed.
 *
 * <p>Two heap figures, because they answer different questions: the largest heap in use right
 * after a garbage collection (what the iteration really keeps alive, plus garbage the collector
 * had not reached yet), and the largest heap in use at any moment, sampled every 5 ms (which
 * includes garbage waiting for the next collection and so rises with the heap size by design).
 *
 * <p>Mode {@code stream} consumes each record and drops it; mode {@code hold} keeps them all in a
 * list, the control that shows the records would not fit.
 *
 * <p>Arguments: {@code --url U --records N --concurrency C --mode stream|hold --transport jdk}.
 */
public final class MemoryChild {

    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    private static final AtomicLong MAX_SAMPLED = new AtomicLong();

    private MemoryChild() {
    }

    /** Runs one iteration; see the class comment. */
    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String url = args.text("url", null, null);
        int records = args.integer("records", 200_000, 200_000);
        int concurrency = args.integer("concurrency", 8, 8);
        boolean hold = args.text("mode", "stream", "stream").equals("hold");
        String transportName = args.text("transport", "jdk", "jdk");
        watchHeap();

        long t0 = System.nanoTime();
        long count = 0;
        BitSet seen = new BitSet(records);
        long duplicates = 0;
        String error = null;
        List<Map<String, Object>> held = hold ? new ArrayList<>() : null;
        try (Transport transport = Transports.create(transportName);
                RestApiV2Client client = RestApiV2Client.builder("bench-token").baseUrl(url).transport(transport)
                        .json(JacksonJsonCodec.create()).pageConcurrency(concurrency).build();
                Stream<Map<String, Object>> all = client.iterHistory("/log_entries", SyntheticServer.T0,
                        SyntheticServer.T0.plusSeconds(records)).stream()) {
            for (var it = all.iterator(); it.hasNext();) {
                Map<String, Object> entry = it.next();
                int index = Integer.parseInt(((String) entry.get("id")).substring(1));
                if (seen.get(index)) {
                    duplicates++;
                }
                seen.set(index);
                count++;
                if (held != null) {
                    held.add(entry);
                }
            }
        } catch (OutOfMemoryError | RuntimeException e) {
            held = null;
            error = e.getClass().getSimpleName();
            if (e.getCause() instanceof OutOfMemoryError) {
                error = "OutOfMemoryError (in a page request)";
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long pools = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                pools += p.getPeakUsage().getUsed();
            }
        }
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining("+"));
        boolean complete = error == null && count == records && seen.cardinality() == records && duplicates == 0;
        System.out.printf(Locale.ROOT, "MEMORY-CHILD completed=%s records=%d distinct=%d duplicates=%d"
                + " maxLiveAfterGcBytes=%d peakSampledBytes=%d peakPoolsBytes=%d maxHeapBytes=%d seconds=%.2f"
                + " gc=%s error=%s%n", complete, count, seen.cardinality(), duplicates, MAX_AFTER_GC.get(),
                MAX_SAMPLED.get(), pools, Runtime.getRuntime().maxMemory(), seconds, gcs.replace(' ', '_'),
                error == null ? "none" : error.replace(' ', '_'));
        System.exit(0);
    }

    /** Records the heap in use after every collection, and samples it every 5 ms. */
    private static void watchHeap() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                MAX_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        Thread sampler = new Thread(() -> {
            while (true) {
                MAX_SAMPLED.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }
}
