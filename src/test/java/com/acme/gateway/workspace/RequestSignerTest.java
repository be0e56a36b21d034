package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestSignerTest {

    private static final Map<String, String> DATE_ONLY = Map.of("x-sdk-date", "20261127T101500Z");

    @Test
    void formatsTheSdkDateInUtc() {
        assertThat(RequestSigner.sdkDate(Instant.parse("2026-11-27T10:15:00.987Z"))).isEqualTo("20261127T101500Z");
    }

    @ParameterizedTest
    @CsvSource({
        "https://h.example.com/v1,       h.example.com",
        "https://h.example.com:443/v1,   h.example.com",
        "http://h.example.com:80/v1,     h.example.com",
        "https://h.example.com:80/v1,    h.example.com:80",
        "http://localhost:8089/v1,       localhost:8089"})
    void derivesTheHostFromTheUriWithThePortOnlyWhenNotTheDefault(String url, String host) {
        String canonical = RequestSigner.canonicalRequest("GET", URI.create(url), DATE_ONLY,
                List.of("host", "x-sdk-date"), null);

        assertThat(canonical.lines()).contains("host:" + host);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://h.example.com               | /",
        "https://h.example.com/              | /",
        "https://h.example.com/v2/p/x        | /v2/p/x/",
        "https://h.example.com/v2/p/x/       | /v2/p/x/",
        "https://h.example.com/a%2fb/%E4%B8%AD+%7e | /a%2Fb/%E4%B8%AD%2B~/"})
    void canonicalUriIsEncodedPerSegmentAndEndsInASlash(String url, String canonicalUri) {
        String canonical = RequestSigner.canonicalRequest("GET", URI.create(url), DATE_ONLY, List.of("x-sdk-date"), null);

        assertThat(canonical.split("\n")[1]).isEqualTo(canonicalUri);
    }

    @Test
    void sortsQueryParametersByNameThenValueAndKeepsEmptyValues() {
        URI uri = URI.create("https://h.example.com/?b=2&a-b=1&a=z&a=&flag&a=%41");

        String canonical = RequestSigner.canonicalRequest("GET", uri, DATE_ONLY, List.of("x-sdk-date"), null);

        assertThat(canonical.split("\n")[2]).isEqualTo("a=&a=A&a=z&a-b=1&b=2&flag=");
    }

    @Test
    void signsHeadersByLowercaseNameWithTrimmedValuesWhateverTheirCase() {
        String canonical = RequestSigner.canonicalRequest("post", URI.create("https://h.example.com/v1"),
                Map.of("X-SDK-DATE", " 20261127T101500Z ", "Host", "h.example.com"), List.of("X-Sdk-Date", "host"), null);

        assertThat(canonical).startsWith("POST\n/v1/\n\nhost:h.example.com\nx-sdk-date:20261127T101500Z\n\nhost;x-sdk-date\n");
    }

    @Test
    void refusesToSignWithoutADateOrWithAMissingSignedHeader() {
        URI uri = URI.create("https://h.example.com/v1");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestSigner.authorization("GET", uri, Map.of(), List.of("host"), null, "ak", "sk"))
                .withMessageContaining("X-Sdk-Date");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestSigner.authorization("GET", uri, DATE_ONLY, List.of("x-project-id"), null, "ak", "sk"))
                .withMessageContaining("x-project-id");
    }
}
