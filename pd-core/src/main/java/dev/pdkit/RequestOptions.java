package dev.pdkit;

import dev.pdkit.internal.paging.Paginator;
import dev.pdkit.spi.Headers;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one call (or a group of calls) adds to the client's defaults: query parameters, headers, a
 * {@code From} address, a timeout, and for listings the page size, the page concurrency, whether to
 * ask for the {@code total}, and an item hook that sees each record as it is read. Unset settings
 * leave the client's own.
 *
 * <p>Options reach a call through {@link RestApiV2Client#with(java.util.function.Consumer)}, which
 * sets them on a {@link Builder} and returns a view of the client with them applied to every
 * method, in the spirit of gRPC's {@code stub.withDeadline(...)} and OkHttp's
 * {@code client.newBuilder()}. Why a view instead of an options argument on every method: the
 * pdpyras-named methods keep one short form each, and every option works with every method,
 * without a ladder of overloads. The view is the value to share: it is immutable and thread-safe,
 * so code that sends the same options on many calls keeps the view.
 *
 * <pre>{@code
 * List<Map<String, Object>> open = client
 *         .with(o -> o.param("statuses[]", List.of("triggered", "acknowledged")).pageSize(100).pageConcurrency(4))
 *         .listAll("/incidents");
 * Map<String, Object> user = client.with(o -> o.header("X-EARLY-ACCESS", "feature-x")).rget("/users/PABC123");
 * client.with(o -> o.from("oncall@example.com")).rput("/incidents/PINC1", Map.of("status", "resolved"));
 * }</pre>
 *
 * <p>A later {@code with} on a view adds to its options: a parameter or header of the same name,
 * or a setting set again, replaces the earlier one.
 */
public final class RequestOptions {

    private static final RequestOptions NONE = new Builder().build();

    private final Map<String, Object> params;
    private final Headers headers;
    private final Duration timeout;
    private final Integer pageSize;
    private final Integer pageConcurrency;
    private final Boolean total;
    private final ItemHook itemHook;

    private RequestOptions(Builder b) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
        this.headers = b.headers.build();
        this.timeout = b.timeout;
        this.pageSize = b.pageSize;
        this.pageConcurrency = b.pageConcurrency;
        this.total = b.total;
        this.itemHook = b.itemHook;
    }

    /**
     * Sees each record of a listing as it is read, e.g. to report progress on a long one
     * (pdpyras' {@code item_hook}). Called on the thread that iterates, after the record is read
     * and before it is returned.
     */
    @FunctionalInterface
    public interface ItemHook {
        /**
         * Called for each record.
         *
         * @param item the record, as decoded
         * @param number its position in the listing, from 1
         * @param total PagerDuty's count when the listing asked for it and a page reported it
         */
        void onItem(Map<String, Object> item, long number, OptionalLong total);
    }

    /**
     * No options: everything as the client's defaults.
     *
     * @return the empty options
     */
    static RequestOptions none() {
        return NONE;
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to change some.
     *
     * @return a new builder
     */
    Builder toBuilder() {
        Builder b = new Builder();
        b.params.putAll(params);
        b.headers = headers.toBuilder();
        b.timeout = timeout;
        b.pageSize = pageSize;
        b.pageConcurrency = pageConcurrency;
        b.total = total;
        b.itemHook = itemHook;
        return b;
    }

    /** These options without query parameters: an analytics listing sends them as its body. */
    RequestOptions withoutParams() {
        Builder b = toBuilder();
        b.params.clear();
        return b.build();
    }

    /**
     * These options with {@code later}'s on top: its parameters and headers replace these of the
     * same name, and each of its settings that is set replaces this one's.
     *
     * @param later the options that win
     * @return the merged options
     */
    RequestOptions with(RequestOptions later) {
        Objects.requireNonNull(later, "later");
        Builder b = toBuilder();
        b.params.putAll(later.params);
        b.headers = headers.withAll(later.headers).toBuilder();
        b.timeout = later.timeout != null ? later.timeout : timeout;
        b.pageSize = later.pageSize != null ? later.pageSize : pageSize;
        b.pageConcurrency = later.pageConcurrency != null ? later.pageConcurrency : pageConcurrency;
        b.total = later.total != null ? later.total : total;
        b.itemHook = later.itemHook != null ? later.itemHook : itemHook;
        return b.build();
    }

    /**
     * The query parameters to add to every request.
     *
     * @return the parameters, in the order given; unmodifiable
     */
    Map<String, Object> params() {
        return params;
    }

    /**
     * The headers to add to every request ({@code From} among them when {@link Builder#from} was
     * set).
     *
     * @return the headers
     */
    Headers headers() {
        return headers;
    }

    /**
     * How long each attempt may wait for its response, instead of the client's {@code timeout}.
     *
     * @return the timeout, if set
     */
    Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Records per page request of a listing, instead of the client's {@code defaultPageSize}.
     *
     * @return the page size, if set
     */
    OptionalInt pageSize() {
        return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /**
     * Page requests of a listing in flight at once, instead of the client's
     * {@code pageConcurrency}.
     *
     * @return the concurrency, if set
     */
    OptionalInt pageConcurrency() {
        return pageConcurrency == null ? OptionalInt.empty() : OptionalInt.of(pageConcurrency);
    }

    /**
     * Whether offset listings send {@code total=true}, so that {@link Paged#total()} and the item
     * hook know PagerDuty's count; unset means no.
     *
     * @return the setting, if set
     */
    Optional<Boolean> total() {
        return Optional.ofNullable(total);
    }

    /**
     * The hook that sees each record of a listing.
     *
     * @return the hook, if set
     */
    Optional<ItemHook> itemHook() {
        return Optional.ofNullable(itemHook);
    }

    @Override
    public String toString() {
        // Header values may carry credentials a caller added; show the names only.
        return "RequestOptions{params=" + params.keySet() + ", headers=" + headers.names()
                + (timeout != null ? ", timeout=" + timeout : "")
                + (pageSize != null ? ", pageSize=" + pageSize : "")
                + (pageConcurrency != null ? ", pageConcurrency=" + pageConcurrency : "")
                + (total != null ? ", total=" + total : "")
                + (itemHook != null ? ", itemHook" : "") + "}";
    }

    /**
     * Sets the options of a view of the client, inside {@code client.with(o -> ...)}. Not
     * thread-safe; each setter checks its argument at once.
     */
    public static final class Builder {
        private final Map<String, Object> params = new LinkedHashMap<>();
        private Headers.Builder headers = Headers.builder();
        private Duration timeout;
        private Integer pageSize;
        private Integer pageConcurrency;
        private Boolean total;
        private ItemHook itemHook;

        private Builder() {
        }

        /**
         * Adds a query parameter; a {@code Collection} value becomes a repeated {@code name[]}
         * parameter, as everywhere in pdkit. A listing of the analytics endpoints, which PagerDuty
         * pages by POST ({@code /analytics/raw/incidents} and the like), sends its parameters as
         * the JSON body instead: {@code filters}, {@code order}, {@code time_zone}, ...
         *
         * @param name the parameter name
         * @param value its value
         * @return this builder
         */
        public Builder param(String name, Object value) {
            params.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds query parameters.
         *
         * @param params names to values; none may be null
         * @return this builder
         */
        public Builder params(Map<String, ?> params) {
            Objects.requireNonNull(params, "params").forEach(this::param);
            return this;
        }

        /**
         * Sets a header on every request, replacing the client's value of the same name, e.g.
         * {@code X-EARLY-ACCESS}.
         *
         * @param name the header name
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException for a name or value HTTP does not allow
         */
        public Builder header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /**
         * Sets headers on every request, as {@link #header} does for each.
         *
         * @param headers names to values
         * @return this builder
         * @throws IllegalArgumentException for a name or value HTTP does not allow
         */
        public Builder headers(Map<String, String> headers) {
            Objects.requireNonNull(headers, "headers").forEach(this::header);
            return this;
        }

        /**
         * Sends {@code From: email} instead of the client's {@code defaultFrom}: the PagerDuty
         * user some write calls act as.
         *
         * @param email the user's login email
         * @return this builder
         */
        public Builder from(String email) {
            return header("From", Objects.requireNonNull(email, "email"));
        }

        /**
         * How long each attempt may wait for its response, instead of the client's
         * {@code timeout}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Records per page request of a listing (PagerDuty returns at most 100).
         *
         * @param pageSize 1 or more
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = Paginator.checkPageSize(pageSize);
            return this;
        }

        /**
         * Page requests of a listing in flight at once (see {@link RestApiV2Client#iterAll}).
         *
         * @param pageConcurrency 1 to 100
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder pageConcurrency(int pageConcurrency) {
            this.pageConcurrency = Paginator.checkPageConcurrency(pageConcurrency, "pageConcurrency");
            return this;
        }

        /**
         * Whether offset listings send {@code total=true}, so that PagerDuty reports its count.
         *
         * @param total true to ask for the total
         * @return this builder
         */
        public Builder total(boolean total) {
            this.total = total;
            return this;
        }

        /**
         * The hook that sees each record of a listing as it is read.
         *
         * @param itemHook the hook
         * @return this builder
         */
        public Builder itemHook(ItemHook itemHook) {
            this.itemHook = Objects.requireNonNull(itemHook, "itemHook");
            return this;
        }

        /**
         * The options as set.
         *
         * @return a new immutable value
         */
        RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
