package com.acme.gateway.security;

import com.acme.gateway.policy.TeamDirectory;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemResponses;
import com.acme.gateway.problem.ProblemType;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.jspecify.annotations.Nullable;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.StringUtils;

/**
 * Stateless, deny by default. {@code /api/**} needs an API key or, when Spring Boot's resource server
 * properties define a {@link JwtDecoder}, a JWT bearer token; the OpenAPI document and actuator endpoints
 * (on the management port) are open; everything else is denied. Failures are RFC 9457 problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final String AUDIT_READER = "audit-reader";
    private static final String JWT_PROPERTIES = "spring.security.oauth2.resourceserver.jwt.";

    /** Methods Spring Security's firewall lets through; anything else is refused by it. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The firewall's refusals (unknown methods, encoded slashes, "..", ";", control characters) as problem+json too. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> ProblemResponses.write(response, (KNOWN_METHODS.contains(request.getMethod())
                ? Problem.of(ProblemType.VALIDATION, "The request path contains characters or sequences the gateway "
                        + "never accepts (encoded slashes, '..', ';', '//', control or non-ASCII characters).")
                : Problem.of(ProblemType.BAD_REQUEST, "The request method is not one the gateway serves (GET, HEAD, "
                        + "POST, PUT, PATCH, DELETE, OPTIONS)."))
                .at(request.getRequestURI()));
    }

    /**
     * No observation around each filter of the chain, authentication and authorization: it cost more
     * than the checks themselves, and every request is still timed as {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain gatewaySecurity(HttpSecurity http, TeamDirectory directory,
            ObjectProvider<JwtDecoder> jwtDecoders, ObjectProvider<OAuth2ResourceServerProperties> jwtProperties) {
        JwtDecoder jwtDecoder = jwtDecoders.getIfAvailable();
        if (jwtDecoder != null) {
            requireIssuerAndAudience(jwtProperties.getIfAvailable());
        }
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(jwtDecoder != null);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .addFilterBefore(new ApiKeyAuthenticationFilter(directory, entryPoint),
                        BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(SecurityConfiguration::authorize);
        if (jwtDecoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer.authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(accessDenied)
                    .withObjectPostProcessor(failureHandler(new BearerFailureHandler(entryPoint)))
                    .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new JwtTeamConverter(directory))));
        }
        return http.build();
    }

    /** The resource server configurer offers no setter for the filter's failure handler. */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> failureHandler(BearerFailureHandler handler) {
        return new ObjectPostProcessor<>() {
            @Override
            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                filter.setAuthenticationFailureHandler(handler);
                return filter;
            }
        };
    }

    private static void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        // the API's rules first: the endpoint matcher looks a class up on every request it is asked about
        requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers("/api/v1/audit-events", "/api/v1/audit-events/**").hasRole(AUDIT_READER)
                .requestMatchers("/api/**").authenticated()
                .requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll()
                .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                .anyRequest().denyAll();
    }

    /**
     * Boot validates the issuer only when {@code issuer-uri} is set and the audience only when {@code audiences}
     * is set; a gateway that accepted any audience would take tokens minted for other services.
     */
    private static void requireIssuerAndAudience(@Nullable OAuth2ResourceServerProperties properties) {
        OAuth2ResourceServerProperties.Jwt jwt = properties != null ? properties.getJwt() : null;
        if (jwt == null || !StringUtils.hasText(jwt.getIssuerUri())) {
            throw new IllegalStateException("JWT authentication is enabled, so " + JWT_PROPERTIES
                    + "issuer-uri must be set to the token issuer (it is checked against each token's iss claim)");
        }
        List<String> audiences = jwt.getAudiences();
        if (audiences.stream().noneMatch(StringUtils::hasText)) {
            throw new IllegalStateException("JWT authentication is enabled, so " + JWT_PROPERTIES
                    + "audiences must list this gateway's audience (tokens without it are rejected)");
        }
    }
}
