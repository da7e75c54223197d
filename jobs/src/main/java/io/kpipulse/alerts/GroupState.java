package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertStatus;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import java.io.Serializable;
import java.util.List;

/**
 * One alert of a rule: its members' counts by status, the status its last transition announced and its
 * transition sequence. The group fires with its first firing member and resolves with its last, so a
 * department-wide problem is one notification however many employees it touches.
 *
 * <p>A transition is emitted whenever the counted status differs from the announced one. The two agree
 * except after {@link #adopt}: a restore whose checkpoint is older than what was already published takes
 * the published sequence and status, replays rows up to the published clock without announcing anything
 * (they were announced before), and from then on announces only what differs from what people were told.
 */
public final class GroupState implements Serializable {

    private static final long serialVersionUID = 1L;

    public int pending;
    public int firing;
    public long sequence;
    /** The rule's control key and the group's department path, for transitions made by timers. */
    public String ruleKey;

    public List<String> departmentPath;
    /** What the newest emitted transition announced; null before the first one (and in older checkpoints). */
    public AlertStatus announced;
    /** Evaluation times up to this one are already published history: counted, not announced. */
    public long quietUntil = Long.MIN_VALUE;

    public GroupState() {}

    public AlertStatus status() {
        return firing > 0 ? AlertStatus.FIRING : pending > 0 ? AlertStatus.PENDING : AlertStatus.NORMAL;
    }

    /** The status people were told last. */
    public AlertStatus announcedStatus() {
        return announced != null ? announced : status();
    }

    /**
     * Counts a member's transition at evaluation time {@code now}; returns the group's own transition, or
     * null when what was announced stays true (a second employee firing in an already firing department
     * notifies nobody).
     */
    public TransitionKind apply(TransitionKind member, AlertStatus memberBefore, long now) {
        AlertStatus told = announcedStatus();
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
        announced = told;
        return announce(now);
    }

    /** The transition that makes what was announced true again at {@code now}, or null. */
    public TransitionKind announce(long now) {
        AlertStatus told = announcedStatus();
        AlertStatus after = status();
        if (now <= quietUntil || told == after) {
            return null;
        }
        TransitionKind group = switch (after) {
            case FIRING -> TransitionKind.FIRING;
            case PENDING -> told == AlertStatus.FIRING ? TransitionKind.RESOLVED : TransitionKind.PENDING;
            case NORMAL -> told == AlertStatus.FIRING ? TransitionKind.RESOLVED : TransitionKind.CLEARED;
        };
        announced = after;
        sequence++;
        return group;
    }

    /**
     * What an alert keeps once its rule is deleted: its sequence number and nothing else (announced: normal),
     * one long per alert that ever existed, so the numbering of a re-created rule's alert carries on.
     */
    public static GroupState retired(GroupState g) {
        GroupState r = new GroupState();
        r.ruleKey = g.ruleKey;
        r.sequence = g.sequence;
        r.announced = AlertStatus.NORMAL;
        return r;
    }

    /**
     * Takes over a published transition newer than this state's; returns whether it was newer. The next
     * transition continues its numbering, so no idempotency key is ever reused for a different transition.
     */
    public boolean adopt(Published p) {
        if (p.sequence() <= sequence) {
            return false;
        }
        sequence = p.sequence();
        announced = p.status();
        quietUntil = p.eventTime();
        return true;
    }
}
