package dev.pdkit.testkit.server;

import dev.pdkit.testkit.rest.Call;

/** Where the pipeline reports requests: every one as it arrives, and those no route could answer. */
public interface Recorder {

    /** A request arrived (called before anything else happens to it). */
    void received(Call call);

    /** No route matched the request, or answering it failed inside the fake. */
    void unmatched(Call call);
}
