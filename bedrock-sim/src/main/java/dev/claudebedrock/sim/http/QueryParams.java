package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.auth.UriEncoding;

import java.util.HashMap;
import java.util.Map;

/** Decodes a raw query string (first value of each name wins; {@code +} is a space, as in forms). */
final class QueryParams {
    private QueryParams() {
    }

    static Map<String, String> parse(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(decode(name), decode(value));
        }
        return params;
    }

    private static String decode(String raw) {
        return UriEncoding.decode(raw.replace('+', ' '));
    }
}
