package io.kpipulse.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens minted here with keys generated for the test; every way a token can be wrong is a 401. */
class TokenVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-20T02:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final TestTokens tokens = new TestTokens(CLOCK);
    static final TokenVerifier verifier = tokens.verifier();

    private void refused(String token, String mentioned) {
        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> verifier.verify(token));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
        assertTrue(
                e.headers().get("WWW-Authenticate").startsWith("Bearer"),
                e.headers().toString());
    }

    @Test
    void validTokenBecomesThePrincipalOfItsClaims() {
        Principal p = verifier.verify(tokens.token("t-acme", "e-1", Role.EMPLOYEE, Role.DEPARTMENT_HEAD));
        assertEquals("t-acme", p.tenantId());
        assertEquals("t-acme/e-1", p.subject());
        assertEquals(Set.of(Role.EMPLOYEE, Role.DEPARTMENT_HEAD), p.roles());
        assertEquals("e-1", p.employeeId());
    }

    @Test
    void unknownRoleNamesAndPublicAreIgnoredNotGranted() {
        Principal p = verifier.verify(tokens.sign(tokens.claims("t-acme", null)
                .claim("roles", List.of("hr", "PUBLIC", "wiki-editors"))
                .build()));
        assertEquals(Set.of(Role.HR), p.roles());
        assertNull(p.employeeId());
    }

    @Test
    void tokenSignedByAnUntrustedKeyIsRefused() {
        refused(
                TestTokens.signWithStrangerKey(
                        tokens.claims("t-acme", "e-1", Role.HR).build()),
                "signature");
    }

    @Test
    void tamperedPayloadBreaksTheSignature() {
        String[] parts = tokens.token("t-acme", "e-1", Role.EMPLOYEE).split("\\.");
        String forged = Base64URL.encode(
                        tokens.claims("t-acme", "e-1", Role.HR).build().toString())
                .toString();
        refused(parts[0] + "." + forged + "." + parts[2], "signature");
    }

    @Test
    void wrongAudienceIsRefused() {
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .audience("another-app")
                        .build()),
                "aud");
    }

    @Test
    void wrongIssuerIsRefused() {
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .issuer("https://evil.test")
                        .build()),
                "iss");
    }

    @Test
    void expiredTokenIsRefusedOnceBeyondTheClockSkew() {
        Date justExpired = Date.from(NOW.minusSeconds(10));
        assertEquals(
                "t-acme",
                verifier.verify(tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                                .expirationTime(justExpired)
                                .build()))
                        .tenantId(),
                "10 s past expiry is inside the 30 s skew");
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .expirationTime(Date.from(NOW.minusSeconds(31)))
                        .build()),
                "xpired");
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .expirationTime(null)
                        .build()),
                "exp");
    }

    @Test
    void notYetValidTokenIsRefused() {
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
                        .build()),
                "before");
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        String none = new PlainJWT(
                        new PlainHeader(),
                        tokens.claims("t-acme", "e-1", Role.HR).build())
                .serialize();
        refused(none, "signature");
    }

    @Test
    void tokenWithoutTenantClaimIsRefused() {
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .claim("tenant", null)
                        .build()),
                "tenant");
    }

    @Test
    void malformedTenantOrEmployeeClaimIsRefused() {
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .claim("tenant", "t'; DROP")
                        .build()),
                "tenant");
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .claim("employee_id", "e 1;")
                        .build()),
                "employee_id");
        refused(
                tokens.sign(tokens.claims("t-acme", "e-1", Role.HR)
                        .claim("roles", "HR")
                        .build()),
                "roles");
    }

    @Test
    void garbageIsRefused() {
        refused("not.a.jwt", "token");
        refused("", "token");
    }

    @Test
    void symmetricAlgorithmsCannotBeConfigured() {
        assertThrows(IllegalArgumentException.class, () -> TokenVerifier.algorithms("RS256,HS256"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TokenVerifier(
                        TestTokens.ISSUER,
                        TestTokens.AUDIENCE,
                        Set.of(JWSAlgorithm.HS256),
                        new ImmutableJWKSet<>(new JWKSet()),
                        Duration.ZERO,
                        CLOCK));
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), TokenVerifier.algorithms(" RS256, ES256 "));
    }

    @Test
    void localIssuerTokensVerifyWithItsOwnVerifierOnly() {
        LocalIssuer issuer = new LocalIssuer(
                LocalIssuer.generateKey(), "urn:kpi-pulse:local", "kpi-pulse", Duration.ofMinutes(15), CLOCK);
        LocalUser head = new LocalUser(
                "t-acme",
                "head",
                PasswordHash.hash("pw".toCharArray(), new java.security.SecureRandom(), 1_000),
                Set.of(Role.DEPARTMENT_HEAD),
                "e-9");
        LocalIssuer.Issued issued = issuer.issue(head);
        assertEquals(NOW.plus(Duration.ofMinutes(15)), issued.expiresAt());
        Principal p = issuer.verifier(Duration.ofSeconds(30)).verify(issued.token());
        assertEquals(new Principal("t-acme", "t-acme/head", Set.of(Role.DEPARTMENT_HEAD), "e-9"), p);
        assertThrows(UnauthorizedException.class, () -> verifier.verify(issued.token()));
    }
}
