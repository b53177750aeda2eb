package dev.pdkit.testkit.rest;

/** Answers one kind of request. Handlers run under the account lock and may throw {@link ApiError}. */
@FunctionalInterface
public interface Handler {

    /** Returns the reply to {@code call}. */
    Reply handle(Call call);
}
