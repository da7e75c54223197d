package io.kpipulse.api.auth;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * HTTP hardening that is not about who the caller is: body size, CORS, response headers, no server banner, JSON
 * errors also for what Jetty refuses before the app ({@link JsonBadMessages}).
 *
 * <p>The Content-Security-Policy fits the dashboard as the API serves it: every script, style, font and
 * image from the same origin (built locally from npm, no CDN), API calls and server-sent events to the same
 * origin, no plugins, no framing. {@code style-src} also allows inline style attributes, which charts and
 * Vue's style bindings set; inline and injected scripts stay forbidden.
 */
public final class Hardening {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private Hardening() {}

    public static void configure(JavalinConfig config, long maxBodyBytes, List<String> corsOrigins) {
        config.http.maxRequestSize = maxBodyBytes;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
        // What Jetty refuses itself (ambiguous or NUL path segments, oversized headers) answers in JSON too.
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonBadMessages()));
        if (!corsOrigins.isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.allowHost(
                        corsOrigins.get(0),
                        corsOrigins.subList(1, corsOrigins.size()).toArray(String[]::new));
                rule.exposeHeader("X-Request-Id");
                rule.exposeHeader("Retry-After");
            }));
        }
    }

    /** Headers on every response, errors included. */
    public static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (ctx.path().startsWith("/api/")) {
            // Scores and pay must not linger in shared caches or the browser's disk cache.
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** "https://a.example, https://b.example" → the list; blank → empty (CORS off). */
    public static List<String> origins(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
