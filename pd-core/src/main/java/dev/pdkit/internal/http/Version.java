package dev.pdkit.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** pdkit's own version, from a resource the build fills in, for the User-Agent. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    /** The version, e.g. {@code 0.1.0}; "unknown" if the resource is missing. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("pdkit.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Unreadable: the version stays unknown.
        }
        return p.getProperty("version", "unknown");
    }
}
