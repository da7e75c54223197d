package io.kpipulse.api.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Requests Jetty refuses before the app sees them — a path with an encoded separator or NUL ({@code ..%2F..},
 * {@code %00}), a header section too large, a malformed request line — answered with the API's JSON error shape
 * instead of Jetty's HTML page. The reason is Jetty's fixed phrase for the status (never the request's text).
 */
final class JsonBadMessages extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "HEADERS_TOO_LARGE";
            default -> "HTTP_" + status;
        };
        String message = "the request was refused before it reached the API (HTTP " + status + ")";
        return ByteBuffer.wrap(("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
