package com.acme.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole gateway on a random port, reached over real HTTP (or raw sockets, see {@code RawHttp}),
 * with the test policy, H2, {@link TestUpstream} as the Workspace API and the console captured so
 * that a test can assert what was logged ({@code Logs}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// a read timeout that a busy build machine cannot exceed by accident
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "workspace.timeouts.read=5s", "server.tomcat.connection-timeout=3s"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestUpstream.class)
@ExtendWith(OutputCaptureExtension.class)
public @interface GatewayOverHttp {
}
