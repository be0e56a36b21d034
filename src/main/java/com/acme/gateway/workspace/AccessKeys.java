package com.acme.gateway.workspace;

import org.jspecify.annotations.Nullable;

/** One AK/SK pair (and security token) that signs a request. Never printed: {@link #toString()} masks it. */
record AccessKeys(String accessKey, String secretKey, @Nullable String securityToken) {

    @Override
    public String toString() {
        return "AccessKeys[accessKey=" + mask(accessKey) + ", secretKey=******, securityToken="
                + (securityToken == null ? "none" : "******") + "]";
    }

    /** The first four characters of a long enough access key id, enough to tell two keys apart in a log. */
    static String mask(@Nullable String accessKey) {
        return accessKey == null || accessKey.length() < 8 ? "******" : accessKey.substring(0, 4) + "******";
    }
}
