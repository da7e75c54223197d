package io.kpipulse.api.alerts.delivery;

/** Where a channel sends: a generic signed webhook, a group bot, or e-mail. */
public enum ChannelKind {
    WEBHOOK,
    WECOM,
    DINGTALK,
    FEISHU,
    /** SMTP e-mail to the channel's addresses (target: comma-separated), see {@link MailDelivery}. */
    EMAIL
}
