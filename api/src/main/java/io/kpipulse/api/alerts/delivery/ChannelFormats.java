package io.kpipulse.api.alerts.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request each channel kind makes for one notification, in the payload its documentation gives:
 * <ul>
 *   <li>generic webhook: the transition as JSON plus the rendered notification; headers
 *       {@code X-KpiPulse-Timestamp}, {@code X-KpiPulse-Signature}, {@code X-KpiPulse-Idempotency-Key};
 *   <li>WeCom group bot: {@code {"msgtype":"markdown","markdown":{"content":…}}} (content at most 4096 bytes);
 *   <li>DingTalk robot: {@code {"msgtype":"markdown","markdown":{"title":…,"text":…}}}, signed by
 *       {@code &timestamp=…&sign=…} on the URL when the channel has a secret;
 *   <li>Feishu / Lark bot: {@code {"timestamp":…,"sign":…,"msg_type":"text","content":{"text":…}}}.
 * </ul>
 */
public final class ChannelFormats {

    static final int WECOM_MAX_BYTES = 4096;

    private final ObjectMapper json = new ObjectMapper();

    public OutboundRequest request(AlertChannel channel, AlertTransition t, Notification n, long nowMillis) {
        return switch (channel.kind()) {
            case WEBHOOK -> webhook(channel, t, n, nowMillis);
            case WECOM -> wecom(channel, n);
            case DINGTALK -> dingTalk(channel, n, nowMillis);
            case FEISHU -> feishu(channel, n, nowMillis);
            case EMAIL -> throw new IllegalArgumentException("e-mail channels are sent by MailDelivery");
        };
    }

    private OutboundRequest webhook(AlertChannel channel, AlertTransition t, Notification n, long nowMillis) {
        ObjectNode body = json.createObjectNode();
        body.set("alert", AlertTransitionJson.tree(t));
        ObjectNode notification = body.putObject("notification");
        notification.put("title", n.title());
        notification.put("text", n.text());
        notification.put("link", n.link());
        String text = body.toString();
        long seconds = nowMillis / 1000;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("X-KpiPulse-Timestamp", Long.toString(seconds));
        headers.put("X-KpiPulse-Idempotency-Key", t.idempotencyKey());
        if (!channel.secret().isEmpty()) {
            headers.put("X-KpiPulse-Signature", Signatures.webhook(channel.secret(), seconds, text));
        }
        return new OutboundRequest(channel.target(), headers, text);
    }

    private OutboundRequest wecom(AlertChannel channel, Notification n) {
        ObjectNode body = json.createObjectNode();
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("content", truncate(n.markdown(), WECOM_MAX_BYTES));
        return new OutboundRequest(channel.target(), jsonHeaders(), body.toString());
    }

    private OutboundRequest dingTalk(AlertChannel channel, Notification n, long nowMillis) {
        ObjectNode body = json.createObjectNode();
        body.put("msgtype", "markdown");
        ObjectNode md = body.putObject("markdown");
        md.put("title", n.title());
        md.put("text", n.markdown());
        String url = channel.target();
        if (!channel.secret().isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + "timestamp=" + nowMillis + "&sign="
                    + Signatures.dingTalk(channel.secret(), nowMillis);
        }
        return new OutboundRequest(url, jsonHeaders(), body.toString());
    }

    private OutboundRequest feishu(AlertChannel channel, Notification n, long nowMillis) {
        ObjectNode body = json.createObjectNode();
        if (!channel.secret().isEmpty()) {
            long seconds = nowMillis / 1000;
            body.put("timestamp", Long.toString(seconds));
            body.put("sign", Signatures.feishu(channel.secret(), seconds));
        }
        body.put("msg_type", "text");
        body.putObject("content").put("text", n.text());
        return new OutboundRequest(channel.target(), jsonHeaders(), body.toString());
    }

    private static Map<String, String> jsonHeaders() {
        return Map.of("Content-Type", "application/json; charset=utf-8");
    }

    /** Cuts at a character boundary so the UTF-8 form fits {@code maxBytes}. */
    static String truncate(String s, int maxBytes) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return s;
        }
        int end = s.length();
        while (s.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes - 3) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
