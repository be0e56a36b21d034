package com.acme.gateway.request;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

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

    /**
     * Task ids: UUIDs in the upstream's documentation, plain strings in its SDK; any token this safe
     * is accepted, so that a format change upstream cannot turn every started task into an unknown outcome.
     */
    public static final String TASK_ID = "^[A-Za-z0-9-]{1,64}$";

    public static final String TASK_ID_MESSAGE = "must be a task id: 1-64 letters, digits or '-'";

    private Ids() {
    }

    /** {@link #UUID} without a regular expression: checked several times per request (IdsTest compares both). */
    public static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23 ? c != '-' : !HexFormat.isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #TASK_ID} without a regular expression, as {@link #isUuid}. */
    public static boolean isTaskId(String value) {
        if (value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A UUID in its canonical (lower-case) form; anything else unchanged. */
    public static String canonical(String value) {
        return isUuid(value) ? value.toLowerCase(Locale.ROOT) : value;
    }

    static @Nullable List<String> canonical(@Nullable List<String> ids) {
        return ids == null ? null : ids.stream().map(Ids::canonical).toList();
    }
}
