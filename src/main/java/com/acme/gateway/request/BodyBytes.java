package com.acme.gateway.request;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a bounded body into a buffer sized by its declared length. */
public final class BodyBytes {

    private static final int UNDECLARED_FIRST_BUFFER = 1024;

    private BodyBytes() {
    }

    /**
     * The bytes of {@code in}, but never more than {@code max + 1}: a caller knows a body over
     * {@code max} by its length. {@code declaredLength} (a Content-Length, -1 when there is none) only
     * sizes the first buffer; {@link InputStream#readNBytes(int)} would take 16 KiB for every body.
     */
    public static byte[] readAtMost(InputStream in, long declaredLength, int max) throws IOException {
        int limit = Math.addExact(max, 1);
        byte[] buffer = new byte[declaredLength >= 0 && declaredLength < limit ? (int) declaredLength + 1
                : Math.min(limit, UNDECLARED_FIRST_BUFFER)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length == limit) {
                    return buffer;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, 2L * length));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return Arrays.copyOf(buffer, length);
            }
            length += read;
        }
    }
}
