package dev.pdkit;

/**
 * PagerDuty's service regions and their API hosts. A client built for the wrong region gets 401
 * for a valid key.
 */
public enum Region {

    /** The United States region, PagerDuty's default. */
    US("https://api.pagerduty.com", "https://events.pagerduty.com"),
    /** The European Union region. */
    EU("https://api.eu.pagerduty.com", "https://events.eu.pagerduty.com");

    private final String restUrl;
    private final String eventsUrl;

    Region(String restUrl, String eventsUrl) {
        this.restUrl = restUrl;
        this.eventsUrl = eventsUrl;
    }

    /** The REST API v2 base URL of this region. */
    public String restUrl() {
        return restUrl;
    }

    /** The Events API v2 base URL of this region (also used for change events). */
    public String eventsUrl() {
        return eventsUrl;
    }
}
