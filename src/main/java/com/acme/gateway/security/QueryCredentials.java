package com.acme.gateway.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Spots credentials in a query string: parameter names that, lower-cased and without {@code -} and {@code _},
 * read {@code apikey}, {@code xapikey}, {@code key} or {@code accesstoken} (so {@code api_key}, {@code apiKey},
 * {@code X-API-Key}, {@code access_token}, percent-encoded or not).
 */
final class QueryCredentials {

    private static final Set<String> NAMES = Set.of("apikey", "xapikey", "key", "accesstoken");

    private QueryCredentials() {
    }

    static boolean present(@Nullable String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (NAMES.contains(normalize(name))) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String name) {
        String decoded;
        try {
            decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            decoded = name;
        }
        return decoded.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
