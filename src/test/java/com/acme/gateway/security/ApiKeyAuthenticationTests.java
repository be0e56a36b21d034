package com.acme.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Without JWT configured: only {@code X-API-Key} authenticates. */
@SecuritySlice
class ApiKeyAuthenticationTests {

    private static final String API_KEY_CHALLENGE = "ApiKey realm=\"workspace-script-gateway\"";

    @Autowired
    MockMvcTester mvc;

    @Test
    void validApiKeyAuthenticatesAsTheKeysTeamWithoutASession() {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami").header("X-API-Key", Teams.PAYMENTS_KEY).exchange();

        assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"team": "payments", "id": "apikey:payments-ci", "roles": [], "method": "API_KEY"}""");
        assertThat(result.getResponse().getHeader(HttpHeaders.SET_COOKIE)).isNull();
        assertThat(result.getRequest().getSession(false)).isNull();
    }

    @Test
    void principalCarriesTheRolesOfTheTeamPolicy() {
        assertThat(mvc.get().uri("/api/v1/whoami").header("X-API-Key", Teams.AUDIT_KEY))
                .hasStatusOk().bodyJson().extractingPath("$.roles").asArray().containsExactly("audit-reader");
    }

    @Test
    void wrongApiKeyIsAProblemWithAnApiKeyChallenge() {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami").header("X-API-Key", "not-a-key").exchange();

        assertUnauthenticated(result, "The API key in the X-API-Key header is not valid.", "/api/v1/whoami");
    }

    @Test
    void aKeyOffByOneCharacterAndAnUnknownKeyGetTheSameAnswer() throws Exception {
        String nearMiss = Teams.PAYMENTS_KEY.substring(0, Teams.PAYMENTS_KEY.length() - 1) + "X";
        MvcTestResult wrong = mvc.get().uri("/api/v1/whoami").header("X-API-Key", nearMiss).exchange();
        MvcTestResult unknown = mvc.get().uri("/api/v1/whoami").header("X-API-Key", "unknown-key").exchange();

        assertThat(wrong.getResponse().getStatus()).isEqualTo(401).isEqualTo(unknown.getResponse().getStatus());
        assertThat(wrong.getResponse().getHeaders(HttpHeaders.WWW_AUTHENTICATE))
                .isEqualTo(unknown.getResponse().getHeaders(HttpHeaders.WWW_AUTHENTICATE));
        assertThat(wrong).bodyText().isEqualTo(unknown.getResponse().getContentAsString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "apiKey", "X-API-Key", "key", "access_token", "API%5FKEY", "x_api_key"})
    void credentialsInTheQueryStringAreRejectedEvenBesideAValidHeader(String parameter) {
        MvcTestResult result = mvc.get().uri(URI.create("/api/v1/whoami?" + parameter + "=" + Teams.PAYMENTS_KEY))
                .header("X-API-Key", Teams.PAYMENTS_KEY).exchange();

        assertUnauthenticated(result, "Credentials in the query string are never accepted (they end up in logs "
                + "and browser history). Send the API key in the X-API-Key header and remove it from the URL.",
                "/api/v1/whoami");
    }

    @Test
    void otherQueryParametersDoNotGetInTheWay() {
        assertThat(mvc.get().uri("/api/v1/whoami?keys=1&monkey=2&dry_run=true").header("X-API-Key",
                Teams.PAYMENTS_KEY)).hasStatusOk();
    }

    @Test
    void noCredentialsIsAProblemWithAnApiKeyChallenge() {
        assertUnauthenticated(mvc.get().uri("/api/v1/whoami").exchange(), "Send an API key in the X-API-Key header.",
                "/api/v1/whoami");
    }

    @Test
    void bearerTokenIsNotAcceptedWhenJwtIsNotConfigured() {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami")
                .header(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln").exchange();

        assertUnauthenticated(result, "Send an API key in the X-API-Key header.", "/api/v1/whoami");
    }

    @Test
    void apiKeyTogetherWithAnAuthorizationHeaderIsRejected() {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami").header("X-API-Key", Teams.PAYMENTS_KEY)
                .header(HttpHeaders.AUTHORIZATION, "Bearer something").exchange();

        assertUnauthenticated(result, "Send exactly one credential: a single X-API-Key header or an Authorization "
                + "header, not both.", "/api/v1/whoami");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic cGF5bWVudHM6c2VjcmV0", "DPoP eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "ApiKey something"})
    void authorizationSchemesOtherThanBearerAreRejected(String authorization) {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange();

        assertUnauthenticated(result, "The Authorization header uses a scheme this gateway does not accept; the "
                + "WWW-Authenticate header lists the accepted ones.", "/api/v1/whoami");
    }

    @Test
    void twoApiKeyHeadersAreRejected() {
        MvcTestResult result = mvc.get().uri("/api/v1/whoami")
                .header("X-API-Key", Teams.PAYMENTS_KEY, Teams.AUDIT_KEY).exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void auditEventsNeedTheAuditReaderRole() {
        MvcTestResult result = mvc.get().uri("/api/v1/audit-events").header("X-API-Key", Teams.PAYMENTS_KEY)
                .exchange();

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isStrictlyEqualTo("""
                        {"type": "https://gateway.acme.com/problems/forbidden", "title": "Forbidden", "status": 403,
                         "detail": "Your team is not allowed to use this endpoint. Reading audit events requires the \
                        audit-reader role in the team policy; paths outside the public API are never served.",
                         "instance": "/api/v1/audit-events"}""");
        assertThat(mvc.get().uri("/api/v1/audit-events").header("X-API-Key", Teams.AUDIT_KEY)).hasStatusOk();
    }

    @Test
    void pathsOutsideThePublicApiAreDeniedEvenToAuthenticatedCallers() {
        assertThat(mvc.get().uri("/internal/status").header("X-API-Key", Teams.AUDIT_KEY))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/internal/status")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void openApiDocumentNeedsNoCredentials() {
        assertThat(mvc.get().uri("/v3/api-docs")).hasStatusOk();
    }

    static void assertUnauthenticated(MvcTestResult result, String detail, String path) {
        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isStrictlyEqualTo("""
                        {"type": "https://gateway.acme.com/problems/unauthenticated",
                         "title": "Authentication required", "status": 401, "detail": "%s", "instance": "%s"}"""
                        .formatted(detail, path));
        assertThat(result.getResponse().getHeaders(HttpHeaders.WWW_AUTHENTICATE)).containsExactly(API_KEY_CHALLENGE);
    }
}
