package io.kpipulse.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.Params;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies the signed JWTs of one issuer and turns their claims into a {@link Principal}. A token is
 * accepted only when its signature verifies with one of the issuer's keys under an accepted algorithm
 * (unsigned {@code alg: none} tokens never are), {@code iss} equals the issuer, {@code aud} names our
 * audience, {@code exp} is present and not past and {@code nbf}, if present, not future (both within the
 * clock skew), and it carries {@code sub} and {@code tenant}.
 *
 * <p>Claims: {@code tenant} (the one tenant of the principal), {@code roles} (role names; unknown names and
 * {@code PUBLIC} are ignored, so a provider's own groups do not break sign-in), {@code employee_id}
 * (optional, the org directory's employee id), {@code sub} (the actor in the audit log).
 */
public final class TokenVerifier {

    public static final String TENANT_CLAIM = "tenant";
    public static final String ROLES_CLAIM = "roles";
    public static final String EMPLOYEE_CLAIM = "employee_id";

    private final String issuer;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public TokenVerifier(
            String issuer,
            String audience,
            Set<JWSAlgorithm> algorithms,
            JWKSource<SecurityContext> keys,
            Duration clockSkew,
            Clock clock) {
        this.issuer = requireText(issuer, "issuer");
        requireText(audience, "audience");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clock, "clock");
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one signature algorithm must be accepted");
        }
        for (JWSAlgorithm alg : algorithms) {
            if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                // A shared secret would let anyone who verifies tokens also mint them.
                throw new IllegalArgumentException("symmetric algorithm " + alg + " is not accepted");
            }
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(algorithms), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        Set.of(audience),
                        new JWTClaimsSet.Builder().issuer(issuer).build(),
                        Set.of("sub", "exp", TENANT_CLAIM),
                        Set.of()) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Parses "RS256,ES256" into algorithms; unknown names are a configuration error. */
    public static Set<JWSAlgorithm> algorithms(String commaSeparated) {
        Set<JWSAlgorithm> out = new java.util.LinkedHashSet<>();
        for (String name : commaSeparated.split(",")) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            JWSAlgorithm alg = JWSAlgorithm.parse(n);
            if (!JWSAlgorithm.Family.SIGNATURE.contains(alg)) {
                throw new IllegalArgumentException("not an asymmetric JWS algorithm: " + n);
            }
            out.add(alg);
        }
        return out;
    }

    public String issuer() {
        return issuer;
    }

    /** The principal of a valid token; anything else is an {@link UnauthorizedException}. */
    public Principal verify(String token) {
        return check(token).principal();
    }

    /** A verified token's principal and its {@code exp}. */
    record Verified(Principal principal, java.time.Instant expiresAt) {}

    /** {@link #verify}, with the token's expiry (present: every accepted token has {@code exp}). */
    Verified check(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            // Claim failures (expired, audience, issuer, missing claim): the reason helps the client, leaks nothing.
            throw new UnauthorizedException("invalid token: " + e.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new UnauthorizedException("invalid token: signature or format not accepted");
        }
        return new Verified(principal(claims), claims.getExpirationTime().toInstant());
    }

    private static Principal principal(JWTClaimsSet claims) {
        String tenant;
        List<String> roleNames;
        String employeeId;
        try {
            tenant = Params.tenant(claims.getStringClaim(TENANT_CLAIM));
            roleNames = claims.getStringListClaim(ROLES_CLAIM);
            employeeId = claims.getStringClaim(EMPLOYEE_CLAIM);
            if (employeeId != null) {
                employeeId = Params.subjectId(employeeId);
            }
        } catch (ParseException | BadRequestException e) {
            throw new UnauthorizedException("invalid token: malformed tenant, roles or employee_id claim");
        }
        return new Principal(tenant, claims.getSubject(), roles(roleNames), employeeId);
    }

    static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null) {
            return roles;
        }
        for (String name : names) {
            try {
                Role role = Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
                if (role != Role.PUBLIC) {
                    roles.add(role);
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                // Not one of ours (an OIDC provider's own group): ignored, not an error.
            }
        }
        return roles;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
