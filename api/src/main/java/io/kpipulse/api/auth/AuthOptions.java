package io.kpipulse.api.auth;

import io.kpipulse.config.ConfigOption;
import java.time.Duration;
import java.util.List;

/**
 * Every security setting of the API, in one place: who may issue tokens and with which keys, the built-in
 * demo issuer, rate limits, request size, CORS. Resolved like {@link io.kpipulse.api.ApiOptions}: override,
 * system property (the key), environment variable ({@code kpi.auth.issuer} → {@code KPI_AUTH_ISSUER}),
 * default. No key material is ever a setting's value: settings name files or URLs, and the files live
 * outside git.
 */
public final class AuthOptions {

    public static final ConfigOption<String> ISSUER = ConfigOption.string(
            "kpi.auth.issuer",
            "",
            "Issuer (iss) of the OIDC provider whose tokens are accepted; empty: no external issuer.");
    public static final ConfigOption<String> JWKS_URL = ConfigOption.string(
            "kpi.auth.jwks-url",
            "",
            "JWKS URL of that issuer (its jwks_uri); keys are fetched and cached, rotated keys are picked up.");
    public static final ConfigOption<String> JWKS_FILE = ConfigOption.string(
            "kpi.auth.jwks-file",
            "",
            "Instead of a URL: a local file with the issuer's public keys, a JWKS (JSON) or PEM public keys.");
    public static final ConfigOption<String> AUDIENCE =
            ConfigOption.string("kpi.auth.audience", "kpi-pulse", "Audience (aud) every accepted token must name.");
    public static final ConfigOption<String> ALGORITHMS = ConfigOption.string(
            "kpi.auth.algorithms",
            "RS256,ES256",
            "Accepted signature algorithms, comma-separated (asymmetric only: RS*, PS*, ES*, EdDSA).");
    public static final ConfigOption<Duration> CLOCK_SKEW = ConfigOption.duration(
            "kpi.auth.clock-skew", Duration.ofSeconds(30), "Tolerated clock difference for exp and nbf.");

    public static final ConfigOption<Boolean> LOCAL_ISSUER = ConfigOption.bool(
            "kpi.auth.local-issuer.enabled",
            false,
            "Built-in issuer for the local stack and demos: POST /api/v1/auth/login signs short-lived tokens"
                    + " for the users of the users file. Off in production.");
    public static final ConfigOption<String> LOCAL_USERS_FILE = ConfigOption.string(
            "kpi.auth.local-issuer.users-file",
            "",
            "Users of the built-in issuer (JSON, passwords PBKDF2-hashed; see DemoUsers).");
    public static final ConfigOption<String> LOCAL_KEY_FILE = ConfigOption.string(
            "kpi.auth.local-issuer.key-file",
            "",
            "Private signing key of the built-in issuer (a JWK, JSON); empty: a fresh key per start, so tokens"
                    + " do not survive a restart.");
    public static final ConfigOption<String> LOCAL_ISSUER_ID = ConfigOption.string(
            "kpi.auth.local-issuer.issuer", "urn:kpi-pulse:local", "Issuer (iss) of the built-in issuer's tokens.");
    public static final ConfigOption<Duration> LOCAL_TOKEN_TTL = ConfigOption.duration(
            "kpi.auth.local-issuer.token-ttl", Duration.ofMinutes(15), "Lifetime of a token from the login route.");

    public static final ConfigOption<Integer> RATE_LIMIT_BURST = ConfigOption.integer(
            "kpi.auth.rate-limit.burst",
            120,
            "Requests a caller (token subject, API key, or client address before sign-in) may send at once.");
    public static final ConfigOption<Integer> RATE_LIMIT_PER_SECOND = ConfigOption.integer(
            "kpi.auth.rate-limit.per-second", 20, "Sustained requests per second per caller; 0 disables limiting.");
    public static final ConfigOption<Long> MAX_BODY_BYTES = ConfigOption.longValue(
            "kpi.auth.max-body-bytes", 65_536, "Largest request body accepted; larger is a 413.");
    public static final ConfigOption<String> CORS_ORIGINS = ConfigOption.string(
            "kpi.auth.cors-origins",
            "",
            "Origins allowed to call the API from a browser (comma-separated, e.g. https://kpi.example.com);"
                    + " empty: CORS off (the dashboard is served from the same origin).");

    public static final List<ConfigOption<?>> ALL = List.of(
            ISSUER,
            JWKS_URL,
            JWKS_FILE,
            AUDIENCE,
            ALGORITHMS,
            CLOCK_SKEW,
            LOCAL_ISSUER,
            LOCAL_USERS_FILE,
            LOCAL_KEY_FILE,
            LOCAL_ISSUER_ID,
            LOCAL_TOKEN_TTL,
            RATE_LIMIT_BURST,
            RATE_LIMIT_PER_SECOND,
            MAX_BODY_BYTES,
            CORS_ORIGINS);

    private AuthOptions() {}
}
