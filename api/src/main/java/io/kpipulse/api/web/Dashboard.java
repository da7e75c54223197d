package io.kpipulse.api.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.http.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The web dashboard built by the api module's Maven build into {@code web/} on the classpath (see
 * {@code src/main/web}). Hashed assets are served under {@code /assets} and cached for good; the page
 * itself ({@code index.html}) answers {@code /} and every dashboard path ({@code /tenants/...}), so deep
 * links and reloads work, and is never cached, so a new build is picked up at once. API routes are not
 * touched: an unknown {@code /api/...} path stays a JSON 404.
 */
public final class Dashboard {

    private static final String ROOT = "/web";
    private static final String INDEX = ROOT + "/index.html";

    private final String index;

    private Dashboard(String index) {
        this.index = index;
    }

    /** The dashboard from the classpath; without a built front end, its pages answer 404 with a reason. */
    public static Dashboard fromClasspath() {
        try (InputStream in = Dashboard.class.getResourceAsStream(INDEX)) {
            return new Dashboard(in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }

    public boolean built() {
        return index != null;
    }

    /** The static assets, open to everyone (they hold no data). */
    public void configure(JavalinConfig javalin) {
        if (!built()) {
            return;
        }
        javalin.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = ROOT + "/assets";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
            files.roles = Set.of(Role.PUBLIC);
        });
    }

    /** The page; the dashboard's router decides what it shows from the path. */
    public void page(Context ctx) {
        if (!built()) {
            throw new NotFoundException("the web dashboard was not built into this server (src/main/web)");
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(index);
    }
}
