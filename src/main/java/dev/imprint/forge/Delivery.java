package dev.imprint.forge;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One delivery as received: the route's provider, the request headers and the raw body bytes.
 *
 * <p>Header names are case-insensitive (HTTP/2 lower-cases them, HTTP/1.1 senders spell them as
 * they like): {@link #headers()} is an unmodifiable case-insensitive copy. The body is the exact
 * byte sequence the sender signed; it is not copied, so callers must not modify it afterwards. Never compared:
 * the record's equality would compare the body array by identity.
 */
public record Delivery(Provider provider, Map<String, String> headers, byte[] body) {

    public Delivery {
        Objects.requireNonNull(provider, "provider");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    copy.put(name, value);
                }
            });
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** The value of header {@code name} (any case), or null when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The value of the first of {@code names} that is present, or null. */
    String firstHeader(String... names) {
        for (String name : names) {
            String value = headers.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
