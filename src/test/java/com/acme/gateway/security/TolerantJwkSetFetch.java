package com.acme.gateway.security;

import java.time.Duration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * Nimbus' default 500 ms timeouts for fetching the JWK set are too tight for a cold WireMock on a busy build
 * machine; a timeout there would turn an expected 401 into a 503 and make the tests flaky.
 */
@TestConfiguration(proxyBeanMethods = false)
class TolerantJwkSetFetch {

    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer tolerantJwkSetFetch() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(10));
        return builder -> builder.restOperations(new RestTemplate(requests));
    }
}
