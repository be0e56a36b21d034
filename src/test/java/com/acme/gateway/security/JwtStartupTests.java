package com.acme.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.policy.TeamDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/** JWT is optional, but once configured it must name its issuer and this gateway's audience. */
class JwtStartupTests {

    private static final String JWT = "spring.security.oauth2.resourceserver.jwt.";

    private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OAuth2ResourceServerAutoConfiguration.class))
            .withUserConfiguration(SecurityConfiguration.class)
            .withBean(TeamDirectory.class, Teams::directory);

    @Test
    void startsWithApiKeysOnlyWhenNoIssuerIsConfigured() {
        contexts.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class);
            assertThat(context).doesNotHaveBean(JwtDecoder.class);
        });
    }

    @Test
    void startsWithJwtWhenIssuerAndAudienceAreConfigured() {
        contexts.withPropertyValues(JWT + "jwk-set-uri=http://localhost:1/jwks", JWT + "issuer-uri=https://issuer.test",
                JWT + "audiences=workspace-script-gateway")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class));
    }

    @Test
    void refusesToStartWithJwtButNoAudience() {
        contexts.withPropertyValues(JWT + "jwk-set-uri=http://localhost:1/jwks", JWT + "issuer-uri=https://issuer.test")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("JWT authentication is enabled, so " + JWT + "audiences must list this gateway's "
                                + "audience (tokens without it are rejected)"));
    }

    @Test
    void refusesToStartWithAJwkSetButNoIssuer() {
        contexts.withPropertyValues(JWT + "jwk-set-uri=http://localhost:1/jwks",
                JWT + "audiences=workspace-script-gateway")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(JWT + "issuer-uri must be set"));
    }
}
