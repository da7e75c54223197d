package io.kpipulse.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Mints tokens for tests with an RSA key generated when the test runs (never a key in git), and gives the
 * matching {@link TokenVerifier}. Tokens are valid for ten minutes around the given clock's now.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test";
    public static final String AUDIENCE = "kpi-pulse";

    private final RSAKey key = LocalIssuer.generateKey();
    private final Clock clock;

    public TestTokens(Clock clock) {
        this.clock = clock;
    }

    public TokenVerifier verifier() {
        return new TokenVerifier(
                ISSUER,
                AUDIENCE,
                Set.of(JWSAlgorithm.RS256),
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
                Duration.ofSeconds(30),
                clock);
    }

    /** A valid token for a person of {@code tenant}. */
    public String token(String tenant, String employeeId, Role... roles) {
        return sign(claims(tenant, employeeId, roles).build(), key);
    }

    /** "Bearer ..." for the Authorization header. */
    public String bearer(String tenant, String employeeId, Role... roles) {
        return "Bearer " + token(tenant, employeeId, roles);
    }

    /** Valid claims to start a test's variation from. */
    public JWTClaimsSet.Builder claims(String tenant, String employeeId, Role... roles) {
        Instant now = clock.instant();
        // t-acme/e-1 for a person, t-acme/administrator for a role without an employee.
        String subject = tenant + "/"
                + (employeeId != null
                        ? employeeId
                        : String.join(
                                "+",
                                Arrays.stream(roles)
                                        .map(r -> r.name().toLowerCase(Locale.ROOT))
                                        .toList()));
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenVerifier.TENANT_CLAIM, tenant)
                .claim(
                        TokenVerifier.ROLES_CLAIM,
                        Arrays.stream(roles).map(Role::name).toList());
        if (employeeId != null) {
            b.claim(TokenVerifier.EMPLOYEE_CLAIM, employeeId);
        }
        return b;
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signed by a key nobody trusts: what an attacker can mint. */
    public static String signWithStrangerKey(JWTClaimsSet claims) {
        return sign(claims, LocalIssuer.generateKey());
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
