package io.kpipulse.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.kpipulse.api.audit.AuditEntry;
import io.kpipulse.api.audit.AuditLog;
import io.kpipulse.api.audit.AuditReader;
import io.kpipulse.api.audit.ClickHouseAuditLog;
import io.kpipulse.api.audit.RequestIds;
import io.kpipulse.api.http.ErrorBody;
import io.kpipulse.config.Settings;
import io.kpipulse.read.sql.Connections;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything security needs, built once: the authenticator (token issuers and API keys), the built-in
 * issuer when enabled, row-level scope, the rate limiter, the audit log, and the HTTP hardening settings.
 * {@link #configure} and {@link #install} put it into a Javalin app in one place.
 */
public final class SecurityServices {

    /** The built-in issuer and its users, when {@link AuthOptions#LOCAL_ISSUER} is on. */
    public record LocalLogin(UserDirectory users, LocalIssuer issuer) {}

    private final Authenticator authenticator;
    private final ApiKeys apiKeys;
    private final LocalLogin localLogin;
    private final Scope scope;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final AuditReader auditReader;
    private final long maxBodyBytes;
    private final List<String> corsOrigins;
    private final Clock clock;

    private SecurityServices(Builder b) {
        this.apiKeys = new ApiKeys(b.connections, b.clock, new SecureRandom());
        List<TokenVerifier> verifiers = new ArrayList<>(b.verifiers);
        if (b.localLogin != null) {
            verifiers.add(b.localLogin.issuer().verifier(b.clockSkew));
        }
        this.authenticator = new Authenticator(verifiers, apiKeys, b.clock);
        this.localLogin = b.localLogin;
        this.scope = new Scope(b.org);
        this.rateLimiter = b.rateLimiter;
        this.audit = new ClickHouseAuditLog(b.connections, b.json);
        this.auditReader = new AuditReader(b.connections, b.json);
        this.maxBodyBytes = b.maxBodyBytes;
        this.corsOrigins = List.copyOf(b.corsOrigins);
        this.clock = b.clock;
    }

    /** Production wiring from {@link AuthOptions}. */
    public static SecurityServices fromSettings(
            Settings settings, Connections connections, ObjectMapper json, Clock clock, OrgScopeDirectory org) {
        Duration skew = settings.get(AuthOptions.CLOCK_SKEW);
        String audience = settings.get(AuthOptions.AUDIENCE);
        Builder b = builder(connections, json, clock)
                .org(org)
                .clockSkew(skew)
                .rateLimiter(RateLimiter.system(
                        settings.get(AuthOptions.RATE_LIMIT_BURST), settings.get(AuthOptions.RATE_LIMIT_PER_SECOND)))
                .maxBodyBytes(settings.get(AuthOptions.MAX_BODY_BYTES))
                .corsOrigins(Hardening.origins(settings.get(AuthOptions.CORS_ORIGINS)));
        String issuer = settings.get(AuthOptions.ISSUER);
        if (!issuer.isBlank()) {
            String url = settings.get(AuthOptions.JWKS_URL);
            String file = settings.get(AuthOptions.JWKS_FILE);
            if (url.isBlank() == file.isBlank()) {
                throw new IllegalArgumentException(AuthOptions.ISSUER + " needs exactly one of " + AuthOptions.JWKS_URL
                        + " and " + AuthOptions.JWKS_FILE);
            }
            b.verifier(new TokenVerifier(
                    issuer,
                    audience,
                    TokenVerifier.algorithms(settings.get(AuthOptions.ALGORITHMS)),
                    url.isBlank() ? VerificationKeys.fromFile(Path.of(file)) : VerificationKeys.fromUrl(url),
                    skew,
                    clock));
        }
        if (settings.get(AuthOptions.LOCAL_ISSUER)) {
            String usersFile = settings.get(AuthOptions.LOCAL_USERS_FILE);
            if (usersFile.isBlank()) {
                throw new IllegalArgumentException(AuthOptions.LOCAL_ISSUER + " needs " + AuthOptions.LOCAL_USERS_FILE);
            }
            String keyFile = settings.get(AuthOptions.LOCAL_KEY_FILE);
            b.localLogin(new LocalLogin(
                    UserDirectory.load(Path.of(usersFile), json),
                    new LocalIssuer(
                            keyFile.isBlank() ? LocalIssuer.generateKey() : LocalIssuer.readKey(Path.of(keyFile)),
                            settings.get(AuthOptions.LOCAL_ISSUER_ID),
                            audience,
                            settings.get(AuthOptions.LOCAL_TOKEN_TTL),
                            clock)));
        }
        return b.build();
    }

    public static Builder builder(Connections connections, ObjectMapper json, Clock clock) {
        return new Builder(connections, json, clock);
    }

    /** Config-time hardening: body limit, CORS, no server banner. */
    public void configure(JavalinConfig config) {
        Hardening.configure(config, maxBodyBytes, corsOrigins);
    }

    /** Request ids and security headers on every request, the access manager on every matched route. */
    public void install(Javalin app) {
        app.before(ctx -> {
            RequestIds.assign(ctx);
            Hardening.headers(ctx);
        });
        app.beforeMatched(new AccessManager(authenticator, rateLimiter));
        app.exception(ForbiddenException.class, (e, ctx) -> {
            auditDenial(ctx, e);
            ctx.status(e.status()).json(ErrorBody.of(e.code(), e.getMessage()));
        });
    }

    /** Every 403 of a signed-in caller, whether the access manager or a scope check refused it. */
    private void auditDenial(Context ctx, ForbiddenException e) {
        Principal caller = AccessManager.caller(ctx);
        if (caller == null) {
            return;
        }
        audit.record(AuditEntry.of(
                        ctx,
                        clock.instant(),
                        caller.tenantId(),
                        caller.subject(),
                        "access.denied",
                        ctx.method() + " " + ctx.path(),
                        AuditEntry.Outcome.DENIED)
                .withChange(null, Map.of("reason", e.getMessage())));
    }

    public Scope scope() {
        return scope;
    }

    public AuditLog audit() {
        return audit;
    }

    public AuditReader auditReader() {
        return auditReader;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Optional<LocalLogin> localLogin() {
        return Optional.ofNullable(localLogin);
    }

    /** Test and production wiring share this; defaults are {@link AuthOptions}' defaults and no issuer. */
    public static final class Builder {
        private final Connections connections;
        private final ObjectMapper json;
        private final Clock clock;
        private final List<TokenVerifier> verifiers = new ArrayList<>();
        private LocalLogin localLogin;
        private OrgScopeDirectory org = OrgScopeDirectory.unknown();
        private Duration clockSkew = AuthOptions.CLOCK_SKEW.defaultValue();
        private RateLimiter rateLimiter = RateLimiter.system(
                AuthOptions.RATE_LIMIT_BURST.defaultValue(), AuthOptions.RATE_LIMIT_PER_SECOND.defaultValue());
        private long maxBodyBytes = AuthOptions.MAX_BODY_BYTES.defaultValue();
        private List<String> corsOrigins = List.of();

        private Builder(Connections connections, ObjectMapper json, Clock clock) {
            this.connections = Objects.requireNonNull(connections, "connections");
            this.json = Objects.requireNonNull(json, "json");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public Builder verifier(TokenVerifier verifier) {
            verifiers.add(verifier);
            return this;
        }

        public Builder localLogin(LocalLogin login) {
            this.localLogin = login;
            return this;
        }

        public Builder org(OrgScopeDirectory org) {
            this.org = Objects.requireNonNull(org, "org");
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        public Builder rateLimiter(RateLimiter limiter) {
            this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        public SecurityServices build() {
            return new SecurityServices(this);
        }
    }
}
