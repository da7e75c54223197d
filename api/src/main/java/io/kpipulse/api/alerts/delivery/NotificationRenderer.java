package io.kpipulse.api.alerts.delivery;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Words for an alert transition in the recipient's language (zh-CN unless {@code en}): indicator name,
 * subject, value, line, target, trend against the previous period, window, and a link to the subject's
 * drill-down page of the dashboard. Numbers are shown to 4 decimals, stripped of trailing zeros.
 */
public final class NotificationRenderer {

    private final Supplier<IndicatorCatalog> catalog;
    private final String dashboardUrl;

    /** @param dashboardUrl the dashboard's base URL, without a trailing slash */
    public NotificationRenderer(Supplier<IndicatorCatalog> catalog, String dashboardUrl) {
        this.catalog = catalog;
        this.dashboardUrl = dashboardUrl;
    }

    public Notification render(AlertTransition t, String language) {
        boolean en = "en".equalsIgnoreCase(language);
        String indicator =
                catalog.get().find(t.indicatorId()).map(d -> name(d, en)).orElse(t.indicatorId());
        String state = state(t.kind(), en);
        String title = "[" + t.severity() + "] " + state + ": " + indicator + " · " + t.subjectId();
        String link = link(t);
        StringBuilder md = new StringBuilder();
        md.append("### ").append(title).append("\n\n");
        line(md, en ? "Value" : "当前值", number(t.value()));
        line(md, en ? "Threshold" : "阈值", number(t.threshold()));
        line(md, en ? "Target" : "目标", number(t.target()));
        line(md, en ? "Trend" : "趋势", trend(t, en));
        line(md, en ? "Window" : "窗口", window(t));
        if (t.membersFiring() > 1) {
            line(md, en ? "Members firing" : "告警成员数", Integer.toString(t.membersFiring()));
        }
        md.append("\n[")
                .append(en ? "Open in KPI Pulse" : "在 KPI Pulse 中查看")
                .append("](")
                .append(link)
                .append(")");
        String text = md.toString()
                .replace("### ", "")
                .replaceAll("\\[(.*?)]\\((.*?)\\)", "$1: $2")
                .replace("**", "");
        return new Notification(title, md.toString(), text, link);
    }

    /**
     * The drill-down page: the department of a grouped alert, else the subject. Ids are percent-encoded as
     * path segments (the dashboard's router decodes them), so an id with a space, slash or parenthesis
     * neither breaks the page's path nor ends the markdown link early.
     */
    String link(AlertTransition t) {
        boolean employee = "EMPLOYEE".equals(t.subjectType()) && !t.groupId().equals(t.departmentId());
        return dashboardUrl + "/tenants/" + pathSegment(t.tenantId())
                + (employee ? "/employees/" + pathSegment(t.subjectId()) : "/departments/" + pathSegment(t.groupId()));
    }

    /** RFC 3986 path segment: unreserved characters kept, every other UTF-8 byte as %XX. */
    static String pathSegment(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String name(IndicatorDefinition d, boolean en) {
        return d.name(en ? "en" : "zh-CN");
    }

    private static String state(TransitionKind kind, boolean en) {
        return switch (kind) {
            case FIRING -> en ? "FIRING" : "告警";
            case RESOLVED -> en ? "RESOLVED" : "已恢复";
            case PENDING -> en ? "PENDING" : "待定";
            case CLEARED -> en ? "CLEARED" : "已取消";
        };
    }

    private static String trend(AlertTransition t, boolean en) {
        if (t.previousValue() == null || t.indicatorValue() == null) {
            return "–";
        }
        int c = t.indicatorValue().compareTo(t.previousValue());
        String arrow = c > 0 ? "↑" : c < 0 ? "↓" : "→";
        return arrow + " " + (en ? "previous period " : "上期 ") + number(t.previousValue());
    }

    private static String window(AlertTransition t) {
        if (t.windowStart() == null) {
            return t.windowType();
        }
        return t.windowType() + " " + t.windowStart()
                + (t.windowEnd().equals(t.windowStart()) ? "" : " – " + t.windowEnd());
    }

    private static void line(StringBuilder md, String label, String value) {
        md.append("- **").append(label).append("**: ").append(value).append("\n");
    }

    static String number(BigDecimal v) {
        return v == null
                ? "–"
                : v.setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
