package dev.pdkit.internal.paging;

import java.util.Map;

/**
 * Fetches one page. The client implements it with its own request methods, so every page is
 * retried, counted in the statistics, checked for success and unwrapped like any other call.
 */
@FunctionalInterface
public interface PageSource {

    /**
     * Sends one request and returns its page.
     *
     * @param request the query parameters (for GET pagination) or the JSON body (for analytics
     *     pagination) of this page's request: a fresh map the source may keep
     * @return the page
     * @throws RuntimeException any failure of the request, a {@code PdClientException} normally
     */
    Page fetch(Map<String, Object> request);
}
