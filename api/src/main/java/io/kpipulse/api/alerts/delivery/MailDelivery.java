package io.kpipulse.api.alerts.delivery;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Sends an alert notification as a plain-text e-mail over SMTP to the addresses of an {@link ChannelKind#EMAIL}
 * channel, retrying with back-off like {@link HttpDelivery}; every attempt's outcome goes to {@code log}.
 * The Message-ID is derived from the idempotency key (and the key is a header of its own), so a mail client
 * or gateway that sees the same transition twice recognises it. Addresses are never logged.
 */
public final class MailDelivery {

    private final SmtpSettings smtp;
    private final Session session;
    private final RetrySchedule retries;
    private final HttpDelivery.Sleeper sleeper;

    public MailDelivery(SmtpSettings smtp, RetrySchedule retries, HttpDelivery.Sleeper sleeper) {
        this.smtp = smtp;
        this.session = Session.getInstance(properties(smtp), authenticator(smtp));
        this.retries = retries;
        this.sleeper = sleeper;
    }

    /** Sends; returns true once the server accepted the message, false after the last failed attempt. */
    public boolean deliver(AlertChannel channel, String idempotencyKey, Notification n, Consumer<DeliveryAttempt> log)
            throws InterruptedException {
        if (!smtp.enabled()) {
            log.accept(new DeliveryAttempt(
                    channel.tenantId(),
                    idempotencyKey,
                    channel.channelId(),
                    channel.kind().name(),
                    1,
                    DeliveryStatus.FAILED,
                    0,
                    "no SMTP server configured (kpi.api.alerts.smtp.host)",
                    System.currentTimeMillis()));
            return false;
        }
        return RetriedAttempts.deliver(retries, sleeper, channel, idempotencyKey, log, () -> {
            try {
                Transport.send(message(channel, idempotencyKey, n));
                return new RetriedAttempts.Outcome(true, 0, "");
            } catch (MessagingException e) {
                return RetriedAttempts.Outcome.failed(e);
            }
        });
    }

    MimeMessage message(AlertChannel channel, String idempotencyKey, Notification n) throws MessagingException {
        String messageId = "<" + digest(idempotencyKey + "|" + channel.channelId()) + "@kpipulse.alerts>";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(smtp.from()));
        m.setRecipients(Message.RecipientType.TO, recipients(channel.target()));
        m.setSubject(n.title(), StandardCharsets.UTF_8.name());
        m.setText(n.text(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        m.setHeader("Content-Language", "en".equalsIgnoreCase(channel.language()) ? "en" : "zh-CN");
        m.setHeader("X-KpiPulse-Idempotency-Key", idempotencyKey);
        return m;
    }

    /** The channel's target: one or more addresses, comma-separated (strict syntax). */
    public static InternetAddress[] recipients(String target) throws AddressException {
        return InternetAddress.parse(target, true);
    }

    private static Properties properties(SmtpSettings s) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", s.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp");
        String prefix = s.security() == SmtpSettings.Security.TLS ? "mail.smtps." : "mail.smtp.";
        p.setProperty(prefix + "host", s.host());
        p.setProperty(prefix + "port", Integer.toString(s.port()));
        p.setProperty(prefix + "auth", Boolean.toString(!s.user().isEmpty()));
        p.setProperty(prefix + "connectiontimeout", Long.toString(s.timeout().toMillis()));
        p.setProperty(prefix + "timeout", Long.toString(s.timeout().toMillis()));
        p.setProperty(prefix + "writetimeout", Long.toString(s.timeout().toMillis()));
        if (s.security() == SmtpSettings.Security.STARTTLS) {
            // Required, not opportunistic: a server that offers no STARTTLS is refused, never sent in clear.
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (s.security() != SmtpSettings.Security.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }

    private static Authenticator authenticator(SmtpSettings s) {
        if (s.user().isEmpty()) {
            return null;
        }
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(s.user(), s.password());
            }
        };
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
