package io.kpipulse.api.audit;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of a request, set before anything else runs and returned as {@code X-Request-Id}, so a client's
 * report, the server log and the audit log meet. A well-formed incoming id (from a proxy) is kept.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "kpi.request-id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {}

    public static void assign(Context ctx) {
        String incoming = ctx.header(HEADER);
        String id = incoming != null && WELL_FORMED.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "" : id;
    }
}
