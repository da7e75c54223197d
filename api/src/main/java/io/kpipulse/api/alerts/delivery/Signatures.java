package io.kpipulse.api.alerts.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signing rules of each channel, as their documentation states them. */
public final class Signatures {

    private Signatures() {}

    /**
     * The generic webhook: hex HMAC-SHA256 with the channel's secret over {@code <timestamp>.<body>}, where
     * the timestamp (epoch seconds) travels in its own header, so a receiver can refuse old or replayed calls.
     */
    public static String webhook(String secret, long epochSeconds, String body) {
        return "sha256="
                + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), epochSeconds + "." + body));
    }

    /**
     * DingTalk robot 加签: {@code timestamp + "\n" + secret} signed with HMAC-SHA256 keyed by the secret,
     * Base64, then URL-encoded for the {@code sign} query parameter; the timestamp is in milliseconds.
     */
    public static String dingTalk(String secret, long epochMillis) {
        byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8), epochMillis + "\n" + secret);
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    /**
     * Feishu / Lark custom bot 签名校验: HMAC-SHA256 keyed by {@code timestamp + "\n" + secret} over an
     * empty message, Base64; the timestamp is in seconds and both travel in the JSON body.
     */
    public static String feishu(String secret, long epochSeconds) {
        return Base64.getEncoder()
                .encodeToString(hmac((epochSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), ""));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
