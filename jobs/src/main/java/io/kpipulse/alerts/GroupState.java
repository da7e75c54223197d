package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertStatus;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import java.io.Serializable;
import java.util.List;

/**
 * One alert of a rule: its members' counts by status and its transition sequence. The group fires with
 * its first firing member and resolves with its last, so a department-wide problem is one notification
 * however many employees it touches.
 */
public final class GroupState implements Serializable {

    private static final long serialVersionUID = 1L;

    public int pending;
    public int firing;
    public long sequence;
    /** The rule's control key and the group's department path, for transitions made by timers. */
    public String ruleKey;

    public List<String> departmentPath;

    public GroupState() {}

    public AlertStatus status() {
        return firing > 0 ? AlertStatus.FIRING : pending > 0 ? AlertStatus.PENDING : AlertStatus.NORMAL;
    }

    /**
     * Counts a member's transition; returns the group's own transition, or null when the group's status
     * stays (a second employee firing in an already firing department notifies nobody).
     */
    public TransitionKind apply(TransitionKind member, AlertStatus memberBefore) {
        AlertStatus before = status();
        switch (member) {
            case PENDING -> pending++;
            case FIRING -> {
                if (memberBefore == AlertStatus.PENDING) {
                    pending--;
                }
                firing++;
            }
            case RESOLVED -> firing--;
            case CLEARED -> pending--;
        }
        AlertStatus after = status();
        if (before == after) {
            return null;
        }
        TransitionKind group = switch (after) {
            case FIRING -> TransitionKind.FIRING;
            case PENDING -> before == AlertStatus.FIRING ? TransitionKind.RESOLVED : TransitionKind.PENDING;
            case NORMAL -> before == AlertStatus.FIRING ? TransitionKind.RESOLVED : TransitionKind.CLEARED;
        };
        sequence++;
        return group;
    }
}
