package io.kpipulse.api.alerts.delivery;

import io.kpipulse.alerts.rules.Severity;
import java.util.List;

/**
 * A delivery channel for the alerts of a department subtree.
 *
 * @param target      the webhook or bot URL
 * @param secret      the signing secret (webhook HMAC key, DingTalk / Feishu sign secret); may be empty
 * @param language    {@code zh-CN} (default) or {@code en}
 * @param minSeverity alerts below it are not sent here
 */
public record AlertChannel(
        String tenantId,
        String channelId,
        ChannelKind kind,
        String departmentId,
        String target,
        String secret,
        String language,
        Severity minSeverity) {

    /** Whether an alert of a subject with this department path and severity belongs here. */
    public boolean accepts(List<String> departmentPath, Severity severity) {
        return departmentPath.contains(departmentId) && severity.compareTo(minSeverity) >= 0;
    }

    /** The channel as shown to API callers: never the secret, only whether there is one. */
    @Override
    public String toString() {
        return "AlertChannel[" + tenantId + "/" + channelId + " " + kind + " " + departmentId + "]";
    }
}
