package dev.pdkit.testkit;

import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.server.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The received requests: all of them, a queue for {@code takeRequest}, and the unmatched ones. Thread-safe. */
final class Journal implements Recorder {

    private final List<RecordedRequest> all = new ArrayList<>();
    private final Map<Long, RecordedRequest> bySequence = new HashMap<>();
    private final List<RecordedRequest> unmatched = new ArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> queue = new LinkedBlockingQueue<>();

    @Override
    public void received(Call call) {
        RecordedRequest r = new RecordedRequest(call);
        synchronized (this) {
            all.add(r);
            bySequence.put(call.sequence(), r);
        }
        queue.add(r);
    }

    @Override
    public synchronized void unmatched(Call call) {
        RecordedRequest r = bySequence.get(call.sequence());
        if (r != null) {
            unmatched.add(r);
        }
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(all);
    }

    synchronized int count() {
        return all.size();
    }

    synchronized List<RecordedRequest> unmatched() {
        return List.copyOf(unmatched);
    }

    RecordedRequest take(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    synchronized void clear() {
        all.clear();
        bySequence.clear();
        unmatched.clear();
        queue.clear();
    }
}
