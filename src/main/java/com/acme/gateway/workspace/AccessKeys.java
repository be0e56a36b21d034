package com.acme.gateway.workspace;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** One AK/SK pair (and security token) that signs a request. Never printed: {@link #toString()} masks it. */
record AccessKeys(String accessKey, String secretKey, @Nullable String securityToken) {

    @Override
    public String toString() {
        return "AccessKeys[accessKey=" + mask(accessKey) + ", secretKey=******, securityToken="
                + (securityToken == null ? "none" : "******") + "]";
    }

    /** Names this key in the shared credential guard without storing it: hex SHA-256 of the access key id. */
    String credentialId() {
        return RequestSigner.sha256Hex(accessKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The first four characters of a long enough access key id, enough to tell two keys apart in a log. */
    static String mask(@Nullable String accessKey) {
        return accessKey == null || accessKey.length() < 8 ? "******" : accessKey.substring(0, 4) + "******";
    }
}
