package com.acme.gateway.workspace;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Signs every attempt of an upstream request with the AK/SK in force when the attempt starts (one
 * read of the current pair, so a rotation never mixes two pairs), as the official SDK does:
 * a fresh {@code X-Sdk-Date}, {@code X-Project-Id}, {@code X-Security-Token} for temporary
 * credentials, and {@code host} (never {@code Content-Type}) in the signature, over exactly the body
 * bytes about to be written. The {@code Host} header is set to the signed value (the port only when
 * not the scheme's default), so the client never sends another form of the authority, such as an
 * explicit {@code :443}.
 */
class SigningInterceptor implements ClientHttpRequestInterceptor {

    static final String PROJECT_ID_HEADER = "X-Project-Id";
    static final String SECURITY_TOKEN_HEADER = "X-Security-Token";

    private final String projectId;
    private final Supplier<AccessKeys> keys;
    private final Clock clock;

    SigningInterceptor(String projectId, Supplier<AccessKeys> keys, Clock clock) {
        this.projectId = projectId;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        HttpHeaders headers = request.getHeaders();
        headers.remove(HttpHeaders.AUTHORIZATION);
        headers.remove(RequestSigner.SDK_DATE_HEADER);
        headers.remove(SECURITY_TOKEN_HEADER);
        headers.set(HttpHeaders.HOST, RequestSigner.host(request.getURI()));

        AccessKeys pair = keys.get();
        Map<String, String> signed = signedHeaderValues(pair.securityToken());
        signed.forEach(headers::set);
        List<String> names = new ArrayList<>(List.of("host"));
        signed.keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));

        headers.set(HttpHeaders.AUTHORIZATION, RequestSigner.authorization(request.getMethod().name(),
                request.getURI(), signed, names, body, pair.accessKey(), pair.secretKey()));
        return execution.execute(request, body);
    }

    private Map<String, String> signedHeaderValues(@Nullable String token) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(RequestSigner.SDK_DATE_HEADER, RequestSigner.sdkDate(clock.instant()));
        values.put(PROJECT_ID_HEADER, projectId);
        if (token != null && !token.isBlank()) {
            values.put(SECURITY_TOKEN_HEADER, token);
        }
        return values;
    }
}
