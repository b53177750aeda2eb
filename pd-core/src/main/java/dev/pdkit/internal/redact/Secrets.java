package dev.pdkit.internal.redact;

/**
 * How secrets (API tokens, routing keys, proxy passwords) are shown: an asterisk and the last four
 * characters, as pdpyras' {@code last_4} does, so a user can tell keys apart in logs without the
 * logs holding a usable key. A secret of four characters or fewer shows as {@code *} alone.
 */
public final class Secrets {

    private Secrets() {
    }

    /** Returns {@code *} plus the last four characters of {@code secret}. */
    public static String redact(String secret) {
        if (secret == null) {
            return "null";
        }
        return secret.length() <= 4 ? "*" : "*" + secret.substring(secret.length() - 4);
    }
}
