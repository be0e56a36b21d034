package com.acme.gateway.security;

import com.acme.gateway.policy.TeamDirectory;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The security configuration's collaborators: the test teams and a controller with one route per rule. */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityTestSetup.ProbeController.class)
class SecurityTestSetup {

    @Bean
    TeamDirectory teamDirectory() {
        return Teams.directory();
    }

    @RestController
    static class ProbeController {

        @GetMapping("/api/v1/whoami")
        TeamPrincipal whoami(@AuthenticationPrincipal TeamPrincipal caller) {
            return caller;
        }

        @GetMapping("/api/v1/audit-events")
        List<String> auditEvents() {
            return List.of();
        }

        @GetMapping("/v3/api-docs")
        Map<String, String> openApi() {
            return Map.of("openapi", "3.1.0");
        }

        @GetMapping("/internal/status")
        String outsideThePublicApi() {
            return "must never be served";
        }
    }
}
