package com.acme.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** When the issuer's JWK set cannot be fetched, a token cannot be judged: that is the gateway's 503, not a 401. */
@SecuritySlice
@Import(TolerantJwkSetFetch.class)
class JwkSetOutageTests {

    @RegisterExtension
    static final WireMockExtension issuer = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @Autowired
    MockMvcTester mvc;

    @DynamicPropertySource
    static void jwtProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer.baseUrl() + "/jwks");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestTokens.AUDIENCE);
    }

    @BeforeEach
    void jwkSetIsDown() {
        issuer.stubFor(get("/jwks").willReturn(serviceUnavailable()));
    }

    @Test
    void tokenThatCannotBeCheckedIsAServiceUnavailableProblem() {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.signed(TestTokens.validClaims())).exchange();

        assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson().isStrictlyEqualTo("""
                        {"type": "https://gateway.acme.com/problems/authentication-unavailable",
                         "title": "Authentication unavailable", "status": 503,
                         "detail": "The bearer token could not be checked because the token issuer's signing keys \
                        could not be fetched. Retry later, or authenticate with an API key.",
                         "instance": "/api/v1/whoami"}""");
        assertThat(result).headers().hasValue(HttpHeaders.RETRY_AFTER, "5");
    }

    @Test
    void apiKeysKeepWorking() {
        assertThat(mvc.get().uri("/api/v1/whoami").header("X-API-Key", Teams.PAYMENTS_KEY)).hasStatusOk();
    }
}
