package io.kpipulse.clickhouse.local;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * The one user this server admits, checked as a ClickHouse server checks HTTP credentials: HTTP Basic, the
 * {@code X-ClickHouse-User}/{@code X-ClickHouse-Key} headers or the {@code user}/{@code password} URL
 * parameters (one way per request); none means {@code default} without a password.
 */
record Credentials(String user, String password) {
    static final Credentials DEFAULT = new Credentials("default", "");

    Credentials {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        password = password == null ? "" : password;
    }

    /** Checks the request's credentials; a mismatch fails as ClickHouse's AUTHENTICATION_FAILED (HTTP 403). */
    void check(Headers headers, Map<String, String> params) throws ChdbException {
        String authorization = headers.getFirst("Authorization");
        String headerUser = headers.getFirst("X-ClickHouse-User");
        String headerKey = headers.getFirst("X-ClickHouse-Key");
        boolean viaParams = params.containsKey("user") || params.containsKey("password");
        boolean viaHeaders = headerUser != null || headerKey != null;
        int ways = (authorization != null ? 1 : 0) + (viaHeaders ? 1 : 0) + (viaParams ? 1 : 0);
        if (ways > 1) {
            throw ChdbException.of(
                    516,
                    "AUTHENTICATION_FAILED",
                    "Invalid authentication: it is not allowed to use more than one of the Authorization header, "
                            + "the X-ClickHouse-User/X-ClickHouse-Key headers and the user/password parameters");
        }
        String givenUser = "default";
        String givenPassword = "";
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw ChdbException.of(
                        516, "AUTHENTICATION_FAILED", "Invalid authentication: only Basic authorization is supported");
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ChdbException.of(
                        516, "AUTHENTICATION_FAILED", "Invalid authentication: malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            givenUser = colon < 0 ? decoded : decoded.substring(0, colon);
            givenPassword = colon < 0 ? "" : decoded.substring(colon + 1);
        } else if (viaHeaders) {
            givenUser = headerUser == null ? "default" : headerUser;
            givenPassword = headerKey == null ? "" : headerKey;
        } else if (viaParams) {
            givenUser = params.getOrDefault("user", "default");
            givenPassword = params.getOrDefault("password", "");
        }
        if (givenUser.isEmpty()) {
            givenUser = "default";
        }
        boolean userMatches = MessageDigest.isEqual(bytes(givenUser), bytes(user));
        boolean passwordMatches = MessageDigest.isEqual(bytes(givenPassword), bytes(password));
        if (!userMatches || !passwordMatches) {
            throw ChdbException.of(
                    516,
                    "AUTHENTICATION_FAILED",
                    givenUser + ": Authentication failed: password is incorrect, or there is no user with such name");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "***") + "]";
    }
}
