package com.acme.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** What a valid {@code Idempotency-Key} is, and the fingerprint of the request it protects. */
public final class IdempotencyKeys {

    /**
     * 1 to 255 of {@code A-Z a-z 0-9 . _ : -}; a random UUID is the recommended key. Checked before
     * any lookup, so odd input never reaches the database.
     */
    public static final String PATTERN = "^[A-Za-z0-9._:-]{1,255}$";

    private static final Pattern KEY = Pattern.compile(PATTERN);

    private IdempotencyKeys() {
    }

    public static boolean isValid(String key) {
        return KEY.matcher(key).matches();
    }

    /** Hex SHA-256 of the pool id, a 0x00 separator and the canonical request body. */
    public static String fingerprint(String poolId, byte[] canonicalBody) {
        MessageDigest sha256 = sha256();
        sha256.update(poolId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(canonicalBody);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
