package com.acme.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyBytesTest {

    @ParameterizedTest(name = "{0} bytes, declared {1}, at most {2}")
    @CsvSource({
            "0, 0, 10", "0, -1, 10", "5, 5, 10", "5, -1, 10", "10, 10, 10", "10, -1, 10",
            "3000, -1, 5000", "3000, 3000, 5000", "3000, 100, 5000", "3000, 99999999999, 5000"})
    void readsTheWholeBodyUpToTheLimit(int size, long declared, int max) throws IOException {
        byte[] body = bytes(size);

        assertThat(BodyBytes.readAtMost(trickling(body), declared, max)).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0} bytes, declared {1}, at most {2}")
    @CsvSource({"11, -1, 10", "11, 11, 10", "11, 3, 10", "70000, -1, 65536", "70000, 70000, 65536"})
    void readsOneByteMoreThanTheLimitOfALargerBodyAndNoMore(int size, long declared, int max) throws IOException {
        byte[] body = bytes(size);
        var in = trickling(body);

        assertThat(BodyBytes.readAtMost(in, declared, max)).isEqualTo(Arrays.copyOf(body, max + 1));
        assertThat(in.available()).isEqualTo(size - max - 1);
    }

    private static byte[] bytes(int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (i * 31);
        }
        return body;
    }

    /** Hands out at most 700 bytes per read, as a socket does. */
    private static InputStream trickling(byte[] body) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 700));
            }
        };
    }
}
