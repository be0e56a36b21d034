package com.acme.gateway.workspace;

import java.util.regex.Pattern;

/**
 * The one allow-list for identifiers that may end up in an upstream URL or body. Anything that does
 * not match is rejected before any I/O.
 */
public final class Ids {

    /** Canonical UUID form the Workspace API uses for pools, desktops, scripts and tasks. */
    public static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /** Huawei project ids: 32 hex characters. */
    public static final String PROJECT_ID = "^[0-9a-fA-F]{32}$";

    public static final String UUID_MESSAGE = "must be a UUID such as a130ab3a-72bf-4b71-baa9-af4987c8e338";

    private static final Pattern UUID_PATTERN = Pattern.compile(UUID);

    private Ids() {
    }

    public static boolean isUuid(String value) {
        return UUID_PATTERN.matcher(value).matches();
    }
}
