package com.acme.gateway.security;

import static com.acme.gateway.security.TestTokens.validClaims;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** JWT bearer tokens checked against a JWK set served by WireMock, next to API keys. */
@SecuritySlice
@Import(TolerantJwkSetFetch.class)
class JwtAuthenticationTests {

    private static final String API_KEY_CHALLENGE = "ApiKey realm=\"workspace-script-gateway\"";

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
    void publishKeys() {
        issuer.stubFor(get("/jwks").willReturn(okJson(TestTokens.jwkSet())));
    }

    @Test
    void validTokenAuthenticatesAsTheTeamOfItsClient() {
        assertThat(whoami(TestTokens.signed(validClaims()))).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"team": "payments", "id": "jwt:svc-payments", "roles": [], "method": "JWT"}""");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void rejectedTokenIsAProblemWithABearerErrorChallenge(String attack, Supplier<String> token) {
        MvcTestResult result = whoami(token.get());

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isStrictlyEqualTo("""
                        {"type": "https://gateway.acme.com/problems/unauthenticated",
                         "title": "Authentication required", "status": 401,
                         "detail": "The bearer token is not valid: it is malformed, expired or not yet valid, not \
                        signed by the trusted issuer, not meant for this gateway, or its client belongs to no team.",
                         "instance": "/api/v1/whoami"}""");
        assertThat(result.getResponse().getHeaders(HttpHeaders.WWW_AUTHENTICATE)).containsExactly(API_KEY_CHALLENGE,
                "Bearer realm=\"workspace-script-gateway\", error=\"invalid_token\"");
    }

    static Stream<Arguments> rejectedTokens() {
        Instant now = Instant.now();
        return Stream.of(
                rejected("expired", () -> TestTokens.signed(validClaims()
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(30))))
                        .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(30))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10)))))),
                rejected("not yet valid", () -> TestTokens.signed(validClaims()
                        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10)))))),
                rejected("wrong issuer", () -> TestTokens.signed(validClaims().issuer("https://other-issuer.test"))),
                rejected("wrong audience", () -> TestTokens.signed(validClaims().audience("another-service"))),
                rejected("no audience", () -> TestTokens.signed(validClaims().audience((String) null))),
                rejected("alg none", () -> TestTokens.unsigned(validClaims())),
                rejected("HS256 with the public key as secret", () -> TestTokens.hmacWithThePublicKey(validClaims())),
                rejected("unknown kid", () -> TestTokens.signedWithUnpublishedKey(validClaims(), "unknown-key")),
                rejected("forged signature under the published kid",
                        () -> TestTokens.signedWithUnpublishedKey(validClaims(), "published-key")),
                rejected("tampered payload", () -> TestTokens.withPayloadReplaced(validClaims(),
                        validClaims().claim("azp", "svc-audit"))),
                rejected("client of no team", () -> TestTokens.signed(validClaims().claim("azp", "svc-stranger"))),
                rejected("not a JWT", () -> "not-a-jwt"));
    }

    private static Arguments rejected(String attack, Supplier<String> token) {
        return Arguments.of(attack, token);
    }

    @ParameterizedTest(name = "azp={0} client_id={1} sub={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
        "svc-payments, svc-audit,    svc-audit,    payments",
        "-,            svc-audit,    svc-payments, auditors",
        "-,            -,            svc-payments, payments",
        "'',           svc-audit,    svc-payments, auditors"})
    void clientIdIsTheFirstOfAzpClientIdAndSub(String azp, String clientId, String sub, String team) {
        JWTClaimsSet.Builder claims = validClaims().claim("azp", azp).claim("client_id", clientId).subject(sub);

        assertThat(whoami(TestTokens.signed(claims))).hasStatusOk().bodyJson().extractingPath("$.team")
                .isEqualTo(team);
    }

    @Test
    void unknownAzpDoesNotFallBackToAKnownSubject() {
        JWTClaimsSet.Builder claims = validClaims().claim("azp", "svc-stranger").subject("svc-payments");

        assertThat(whoami(TestTokens.signed(claims))).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void auditEventsNeedTheAuditReaderRoleForTokensToo() {
        String payments = TestTokens.signed(validClaims());
        String audit = TestTokens.signed(validClaims().claim("azp", "svc-audit"));

        assertThat(mvc.get().uri("/api/v1/audit-events").header(HttpHeaders.AUTHORIZATION, "Bearer " + payments))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/v1/audit-events").header(HttpHeaders.AUTHORIZATION, "Bearer " + audit))
                .hasStatusOk();
    }

    @Test
    void dPoPIsNotAcceptedAndStillGetsAProblem() {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami")
                .header(HttpHeaders.AUTHORIZATION, "DPoP " + TestTokens.signed(validClaims())).exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void apiKeysStillWork() {
        assertThat(mvc.get().uri("/api/v1/whoami").header("X-API-Key", Teams.PAYMENTS_KEY)).hasStatusOk()
                .bodyJson().extractingPath("$.method").isEqualTo("API_KEY");
    }

    @Test
    void noCredentialsGetsBothChallenges() {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).bodyJson().extractingPath("$.detail")
                .isEqualTo("Send an API key in the X-API-Key header or a bearer token in the Authorization header.");
        assertThat(result.getResponse().getHeaders(HttpHeaders.WWW_AUTHENTICATE)).containsExactly(API_KEY_CHALLENGE,
                "Bearer realm=\"workspace-script-gateway\"");
    }

    private MvcTestResult whoami(String token) {
        return mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
