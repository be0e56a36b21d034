package com.acme.gateway;

import com.acme.gateway.policy.PolicyCheck;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** {@code check-policy <file>} validates a policy file and exits; anything else starts the gateway. */
    public static void main(String[] args) {
        if (args.length > 0 && "check-policy".equals(args[0])) {
            System.exit(PolicyCheck.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
