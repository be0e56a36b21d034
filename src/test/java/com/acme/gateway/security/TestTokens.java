package com.acme.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** An issuer for tests: RSA keys made per run, the published JWK set, and well-formed or broken tokens. */
final class TestTokens {

    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "workspace-script-gateway";

    private static final RSAKey PUBLISHED = generate("published-key");
    private static final RSAKey UNPUBLISHED = generate("unpublished-key");

    private TestTokens() {
    }

    static String jwkSet() {
        return new JWKSet(PUBLISHED.toPublicJWK()).toString();
    }

    /** Claims of a token that is valid right now, for client {@code svc-payments}. */
    static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("svc-payments")
                .claim("azp", "svc-payments").issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    static String signed(JWTClaimsSet.Builder claims) {
        return sign(claims, JWSAlgorithm.RS256, PUBLISHED.getKeyID(), rsaSigner(PUBLISHED));
    }

    static String signedWithUnpublishedKey(JWTClaimsSet.Builder claims, String keyId) {
        return sign(claims, JWSAlgorithm.RS256, keyId, rsaSigner(UNPUBLISHED));
    }

    static String unsigned(JWTClaimsSet.Builder claims) {
        return new PlainJWT(claims.build()).serialize();
    }

    /** The classic key-confusion attack: HS256 with the issuer's public key bytes as the HMAC secret. */
    static String hmacWithThePublicKey(JWTClaimsSet.Builder claims) {
        try {
            byte[] publicKey = PUBLISHED.toRSAPublicKey().getEncoded();
            return sign(claims, JWSAlgorithm.HS256, PUBLISHED.getKeyID(), new MACSigner(publicKey));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A valid token whose payload is swapped for another one after signing. */
    static String withPayloadReplaced(JWTClaimsSet.Builder claims, JWTClaimsSet.Builder replacement) {
        String[] parts = signed(claims).split("\\.");
        String payload = Base64URL.encode(replacement.build().toString()).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static String sign(JWTClaimsSet.Builder claims, JWSAlgorithm algorithm, String keyId, JWSSigner signer) {
        JWSHeader header = new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static JWSSigner rsaSigner(RSAKey key) {
        try {
            return new RSASSASigner(key);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
