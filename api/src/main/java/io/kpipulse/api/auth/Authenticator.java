package io.kpipulse.api.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import io.javalin.http.Context;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is calling: a bearer token ({@code Authorization: Bearer <jwt>}) checked by the verifier of the issuer
 * it names, or an API key ({@code X-Api-Key}). Exactly one of the two; anything else is a 401. The token's
 * issuer is read unverified only to pick the verifier, which then checks the issuer again with the signature.
 * A token verified a moment ago is taken from {@link VerifiedTokens} (same text, before its expiry, at most 30 s).
 */
public final class Authenticator {

    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";

    private final Map<String, TokenVerifier> verifiers;
    private final ApiKeys apiKeys;
    private final VerifiedTokens verified;

    public Authenticator(List<TokenVerifier> verifiers, ApiKeys apiKeys, java.time.Clock clock) {
        Map<String, TokenVerifier> byIssuer = new LinkedHashMap<>();
        for (TokenVerifier v : verifiers) {
            if (byIssuer.put(v.issuer(), v) != null) {
                throw new IllegalArgumentException("two verifiers for issuer " + v.issuer());
            }
        }
        this.verifiers = Map.copyOf(byIssuer);
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.verified = new VerifiedTokens(clock);
    }

    public Principal authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        String apiKey = ctx.header(API_KEY_HEADER);
        if (authorization != null && apiKey != null) {
            throw new UnauthorizedException("send either a bearer token or an API key, not both");
        }
        if (apiKey != null) {
            return apiKeys.authenticate(apiKey.strip())
                    .orElseThrow(() -> new UnauthorizedException("unknown or revoked API key"));
        }
        if (authorization == null || authorization.isBlank()) {
            throw new UnauthorizedException("sign-in required: send Authorization: Bearer <token> or X-Api-Key");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException("only bearer tokens are accepted");
        }
        return bearer(authorization.substring(BEARER.length()).strip());
    }

    private Principal bearer(String token) {
        Principal known = verified.find(token);
        if (known != null) {
            return known;
        }
        String issuer;
        try {
            JWT jwt = JWTParser.parse(token);
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new UnauthorizedException("invalid token: not a JWT");
        }
        TokenVerifier verifier = issuer == null ? null : verifiers.get(issuer);
        if (verifier == null) {
            throw new UnauthorizedException("invalid token: issuer not trusted");
        }
        TokenVerifier.Verified checked = verifier.check(token);
        verified.put(token, checked.principal(), checked.expiresAt());
        return checked.principal();
    }
}
