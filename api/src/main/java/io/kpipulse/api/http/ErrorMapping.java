package io.kpipulse.api.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.kpipulse.read.sql.StorageException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to {@link ErrorBody} JSON, once for the whole app. Unexpected exceptions become a
 * 500 with a generic message and an id that is also logged with the stack trace, so an operator can find
 * the cause without the client ever seeing internals (SQL, class names, stack traces).
 */
public final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    public static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.status(), e.code(), e.getMessage());
        });
        // Javalin's own responses (unmatched route, wrong method) keep their status but take our shape.
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> write(ctx, e.getStatus(), codeFor(e.getStatus()), e.getMessage()));
        app.exception(StorageException.class, (e, ctx) -> {
            String id = UUID.randomUUID().toString();
            LOG.warn("storage error {} on {} {}", id, ctx.method(), ctx.path(), e);
            write(ctx, 503, "UNAVAILABLE", "storage is unavailable, reference " + id);
        });
        app.exception(Exception.class, (e, ctx) -> {
            String id = UUID.randomUUID().toString();
            LOG.error("unexpected error {} on {} {}", id, ctx.method(), ctx.path(), e);
            write(ctx, 500, "INTERNAL", "internal error, reference " + id);
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                write(ctx, 404, "NOT_FOUND", "no route for " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).json(ErrorBody.of(code, message));
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "HTTP_" + status;
        };
    }
}
