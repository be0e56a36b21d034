package com.acme.gateway.policy;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code check-policy <file>}: validates a policy file exactly as the gateway would load it, for CI.
 * Exit status 0 when valid, 1 when invalid or unreadable (every error printed), 2 on wrong usage.
 */
public final class PolicyCheck {

    private PolicyCheck() {
    }

    /** {@code args} are the arguments after {@code check-policy}: exactly one policy file. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].isBlank()) {
            err.println("usage: check-policy <policy.yaml>");
            return 2;
        }
        Path file = PolicyParser.path(args[0]);
        try {
            int teams = PolicyParser.parse(PolicyParser.read(file)).teams().size();
            out.println("OK: " + teams + (teams == 1 ? " team" : " teams"));
            return 0;
        } catch (InvalidPolicyException e) {
            err.println("INVALID: " + file + " (" + e.errors().size() + (e.errors().size() == 1 ? " error)" : " errors)"));
            e.errors().forEach(error -> err.println("  " + error));
            return 1;
        }
    }
}
