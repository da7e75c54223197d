package io.kpipulse.api.alerts.delivery;

import java.time.Duration;

/**
 * Where alert e-mails are sent from: the SMTP server, its credentials and how the connection is protected.
 * The password comes from the environment ({@code KPI_API_ALERTS_SMTP_PASSWORD}), never from a file in git.
 *
 * @param host     empty: e-mail delivery is off
 * @param security NONE (plain, local relays only), STARTTLS (required, port 587) or TLS (implicit, port 465)
 * @param from     the sender address of every alert e-mail
 */
public record SmtpSettings(
        String host, int port, String user, String password, Security security, String from, Duration timeout) {

    public enum Security {
        NONE,
        STARTTLS,
        TLS
    }

    /** No SMTP server: e-mail channels fail at once, with that reason in the delivery log. */
    public static SmtpSettings off() {
        return new SmtpSettings("", 25, "", "", Security.NONE, "alerts@localhost", Duration.ofSeconds(5));
    }

    public boolean enabled() {
        return !host.isBlank();
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + " " + security + "]";
    }
}
