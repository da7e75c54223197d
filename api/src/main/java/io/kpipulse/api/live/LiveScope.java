package io.kpipulse.api.live;

import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.read.changes.ValueChange;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which changes a caller's stream carries: the subjects the server's {@link Scope} lets the principal read,
 * decided once when the stream opens, as of that day (a head moved tomorrow keeps today's subtree until the
 * stream reconnects; the dashboard reconnects at least daily through its page loads).
 */
final class LiveScope {

    private LiveScope() {}

    static Predicate<ValueChange> of(Scope scope, Principal principal, LocalDate today) {
        Map<SubjectType, Predicate<String>> visible = new EnumMap<>(SubjectType.class);
        for (SubjectType type : SubjectType.values()) {
            visible.put(type, scope.visibleSubjects(principal, today, type));
        }
        return change -> {
            Predicate<String> subjects = visible.get(subjectType(change));
            return subjects != null && subjects.test(change.subjectId());
        };
    }

    private static SubjectType subjectType(ValueChange change) {
        try {
            return SubjectType.valueOf(change.subjectType());
        } catch (IllegalArgumentException e) {
            return null; // a subject type this build does not know: nobody's scope includes it
        }
    }
}
