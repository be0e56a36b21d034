package com.acme.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * {@code ./mvnw spring-boot:test-run}: the gateway on port 8080 against an embedded Workspace API
 * simulator, with demo credentials and the demo policy. Test classpath only.
 */
public final class DemoGatewayApplication {

    private static final Logger log = LoggerFactory.getLogger(DemoGatewayApplication.class);

    private DemoGatewayApplication() {
    }

    public static void main(String[] args) {
        WireMockServer simulator = WorkspaceSimulator.start(0);
        String[] demoArgs = {
            "--workspace.endpoint=http://localhost:" + simulator.port(),
            "--workspace.project-id=" + WorkspaceSimulator.PROJECT_ID,
            "--workspace.credentials.access-key=DEMOACCESSKEY0000001",
            "--workspace.credentials.secret-key=demo-secret-not-a-real-key",
            "--gateway.policy.location=src/test/resources/demo/policy.yaml",
            "--logging.structured.format.console=",
        };
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        app.addListeners((ApplicationListener<ApplicationReadyEvent>) event -> announce(simulator.port()));
        app.addListeners((ApplicationListener<org.springframework.context.event.ContextClosedEvent>) event -> simulator.stop());
        String[] all = new String[demoArgs.length + args.length];
        System.arraycopy(demoArgs, 0, all, 0, demoArgs.length);
        System.arraycopy(args, 0, all, demoArgs.length, args.length);
        app.run(all);
    }

    private static void announce(int simulatorPort) {
        log.info("""

                Demo gateway ready on http://localhost:8080 (operations on http://localhost:8081/actuator).
                Workspace API simulator on http://localhost:{}; demo pool {}.
                Demo API keys (policy src/test/resources/demo/policy.yaml, edit it to see a hot reload):
                  payments      X-API-Key: demo-payments-key-0001  (named scripts only; Idempotency-Key required)
                  platform-ops  X-API-Key: demo-ops-key-0002       (scripts and SHELL commands; audit-reader, operator)
                Try:
                  curl -i -X POST http://localhost:8080/api/v1/pools/{}/script-executions \\
                       -H 'Content-Type: application/json' -H 'X-API-Key: demo-payments-key-0001' \\
                       -H 'Idempotency-Key: 6f1b9a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b' \\
                       -d '{"script_ids":["0006e69f-5970-4af5-a652-e111055e630b"],"desktop_ids":["00298bb0-104a-4467-9b15-876c6fb7a99f"]}'
                Then stop it (safe to repeat):
                  curl -i -X POST -H 'X-API-Key: demo-payments-key-0001' http://localhost:8080/api/v1/executions/<task_id>/stop
                """, simulatorPort, WorkspaceSimulator.DEMO_POOL, WorkspaceSimulator.DEMO_POOL);
    }
}
