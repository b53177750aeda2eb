package dev.pdkit.internal.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An executor for pages requested ahead that makes their timing the test's choice: it runs each
 * request at once, on the thread that starts it (the consumer's), until {@link #holding} is set;
 * from then on it keeps the requests, like a pool whose threads are all busy, until the test
 * {@linkplain #runHeld() runs} them. A request cancelled meanwhile never reaches the source. So,
 * without threads or waiting, a test sees exactly which requests were left behind.
 */
final class HoldingExecutor implements Executor {

    private final List<Runnable> held = new ArrayList<>();
    volatile boolean holding;

    @Override
    public void execute(Runnable request) {
        if (holding) {
            synchronized (held) {
                held.add(request);
            }
        } else {
            request.run();
        }
    }

    /** Lets the held requests run, as a pool does once it has threads again. */
    void runHeld() {
        List<Runnable> now;
        synchronized (held) {
            now = new ArrayList<>(held);
            held.clear();
        }
        now.forEach(Runnable::run);
    }
}
