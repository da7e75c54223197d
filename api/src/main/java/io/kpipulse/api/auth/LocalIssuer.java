package io.kpipulse.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The built-in issuer of the local stack and demos: signs short-lived RS256 tokens for {@link UserDirectory}
 * users with a key generated at start (tokens end with the process) or read from a JWK file outside git.
 * Its tokens go through the same {@link TokenVerifier} as an OIDC provider's, with its public key.
 */
public final class LocalIssuer {

    private final RSAKey signingKey;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    public LocalIssuer(RSAKey signingKey, String issuer, String audience, Duration ttl, Clock clock) {
        if (!signingKey.isPrivate()) {
            throw new IllegalArgumentException("the local issuer needs a private RSA key");
        }
        this.signingKey = signingKey;
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A fresh 2048-bit RSA key; nothing is written anywhere. */
    public static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation is part of every JDK", e);
        }
    }

    /** A private RSA JWK (JSON) from a file outside git. */
    public static RSAKey readKey(Path file) {
        try {
            JWK jwk = JWK.parse(Files.readString(file));
            if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
                throw new IllegalArgumentException(file + " does not hold a private RSA JWK");
            }
            return rsa;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + " is not a JWK: " + e.getMessage(), e);
        }
    }

    public record Issued(String token, Instant expiresAt) {}

    public Issued issue(LocalUser user) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(user.subject())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenVerifier.TENANT_CLAIM, user.tenant())
                .claim(
                        TokenVerifier.ROLES_CLAIM,
                        user.roles().stream().map(Role::name).sorted().toList());
        if (user.employeeId() != null) {
            claims.claim(TokenVerifier.EMPLOYEE_CLAIM, user.employeeId());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(signingKey.getKeyID())
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a valid RSA key cannot fail", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The verifier of this issuer's tokens: its public key only, RS256 only. */
    public TokenVerifier verifier(Duration clockSkew) {
        return new TokenVerifier(
                issuer,
                audience,
                Set.of(JWSAlgorithm.RS256),
                new ImmutableJWKSet<>(new JWKSet(signingKey.toPublicJWK())),
                clockSkew,
                clock);
    }
}
