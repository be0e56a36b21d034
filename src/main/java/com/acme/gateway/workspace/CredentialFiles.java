package com.acme.gateway.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads AK/SK from a directory of files named {@code access-key}, {@code secret-key} and, for
 * temporary credentials, {@code security-token}; surrounding whitespace (a trailing newline) is
 * ignored. In a Kubernetes Secret volume every file links through {@code ..data}, which the kubelet
 * re-points atomically: resolving {@code ..data} once and reading all files there gives one
 * consistent pair even while a rotation is under way.
 */
final class CredentialFiles {

    static final String ACCESS_KEY = "access-key";
    static final String SECRET_KEY = "secret-key";
    static final String SECURITY_TOKEN = "security-token";
    private static final String KUBERNETES_DATA = "..data";

    private CredentialFiles() {
    }

    static AccessKeys read(Path directory) throws UnusableCredentialsException {
        Path base = snapshot(directory);
        String token = optional(base, SECURITY_TOKEN);
        return new AccessKeys(required(base, ACCESS_KEY), required(base, SECRET_KEY), token);
    }

    private static Path snapshot(Path directory) throws UnusableCredentialsException {
        Path data = directory.resolve(KUBERNETES_DATA);
        try {
            return Files.exists(data) ? data.toRealPath() : directory;
        } catch (IOException e) {
            throw new UnusableCredentialsException(directory + " cannot be resolved (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String required(Path base, String name) throws UnusableCredentialsException {
        String value = optional(base, name);
        if (value == null) {
            throw new UnusableCredentialsException("the file " + name + " is missing in " + base);
        }
        return value;
    }

    private static @Nullable String optional(Path base, String name) throws UnusableCredentialsException {
        Path file = base.resolve(name);
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new UnusableCredentialsException("the file " + name + " in " + base + " is empty");
            }
            return value;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // the exception's message could quote the file's content (a malformed-input error): name only the type
            throw new UnusableCredentialsException("the file " + name + " in " + base + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Why the files do not make a usable pair; the message names files, never their content. */
    static final class UnusableCredentialsException extends Exception {

        UnusableCredentialsException(String message) {
            super(message);
        }
    }
}
