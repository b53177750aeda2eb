package dev.pdkit.internal.redact;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Takes a client's secrets out of text that came from a server: an error body that echoes the
 * {@code Authorization} header or the routing key must not carry them into an exception message.
 * Each secret is found as sent, JSON-escaped ({@code /} as {@code \/}) and percent-encoded (either
 * case), and shown as {@link Secrets#redact} shows it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Redactor {

    private static final Pattern ESCAPE = Pattern.compile("%[0-9A-F]{2}");

    /** A redactor with no secrets: returns text unchanged. */
    public static final Redactor NONE = new Redactor(Map.of());

    /** Each spelling of each secret, longest first, to its redacted form. */
    private final Map<String, String> spellings;

    private Redactor(Map<String, String> spellings) {
        this.spellings = spellings;
    }

    /** A redactor of {@code secrets}; null and empty ones are skipped. */
    public static Redactor of(String... secrets) {
        List<String[]> pairs = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            String shown = Secrets.redact(secret);
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            for (String spelling : new String[] {secret, secret.replace("/", "\\/"), encoded, lowerEscapes(encoded)}) {
                pairs.add(new String[] {spelling, shown});
            }
        }
        // Longest first, so a secret that contains another is replaced whole.
        pairs.sort((a, b) -> Integer.compare(b[0].length(), a[0].length()));
        Map<String, String> spellings = new LinkedHashMap<>();
        pairs.forEach(p -> spellings.putIfAbsent(p[0], p[1]));
        return spellings.isEmpty() ? NONE : new Redactor(Collections.unmodifiableMap(spellings));
    }

    /** {@code text} with every spelling of every secret replaced; {@code null} stays {@code null}. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> e : spellings.entrySet()) {
            result = result.replace(e.getKey(), e.getValue());
        }
        return result;
    }

    /** The percent-encoded spelling with lower-case escapes ({@code %2b}), which servers also write. */
    private static String lowerEscapes(String encoded) {
        return ESCAPE.matcher(encoded).replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    }
}
