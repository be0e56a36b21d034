package com.acme.gateway.workspace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * RFC 3986 percent-encoding for the canonical request of {@link RequestSigner}. Decoding treats
 * {@code +} as a literal plus (URI syntax, not HTML form encoding).
 */
final class PercentEncoding {

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private PercentEncoding() {
    }

    /** Encodes every UTF-8 byte except the unreserved characters {@code A-Z a-z 0-9 - . _ ~}. */
    static String encode(String value) {
        var out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(UPPER_HEX.toHexDigits(b));
            }
        }
        return out.toString();
    }

    /** Decodes {@code %XX} sequences as UTF-8; anything else, including a malformed escape, is kept. */
    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        var out = new StringBuilder(value.length());
        var pending = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            int escaped = escapedByte(value, i);
            if (escaped >= 0) {
                pending.write(escaped);
                i += 2;
            } else {
                flush(pending, out);
                out.append(value.charAt(i));
            }
        }
        flush(pending, out);
        return out.toString();
    }

    private static int escapedByte(String value, int i) {
        boolean escape = value.charAt(i) == '%' && i + 2 < value.length()
                && HexFormat.isHexDigit(value.charAt(i + 1)) && HexFormat.isHexDigit(value.charAt(i + 2));
        return escape ? HexFormat.fromHexDigits(value, i + 1, i + 3) : -1;
    }

    private static void flush(ByteArrayOutputStream pending, StringBuilder out) {
        if (pending.size() > 0) {
            out.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
