package io.kpipulse.scoring.review;

import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.read.org.Placement;
import java.util.Optional;

/**
 * A rater's relationship to a reviewee on a day, from the org rather than from what the rater claims:
 * themselves; the reviewee's manager or a head over their department (their head chain); someone the reviewee
 * manages or heads; a colleague of the same department. Anyone else is not a
 * rater of this reviewee.
 */
public final class RaterRelationships {

    private RaterRelationships() {}

    public static Optional<RaterRelationship> of(OrgSnapshot org, String raterId, String revieweeId) {
        Optional<Placement> rater = org.placement(raterId);
        Optional<Placement> reviewee = org.placement(revieweeId);
        if (rater.isEmpty() || reviewee.isEmpty()) {
            return Optional.empty();
        }
        if (raterId.equals(revieweeId)) {
            return Optional.of(RaterRelationship.SELF);
        }
        if (raterId.equals(reviewee.get().managerId())
                || org.headsOver(reviewee.get().departmentId()).contains(raterId)) {
            return Optional.of(RaterRelationship.MANAGER);
        }
        if (revieweeId.equals(rater.get().managerId())
                || org.headsOver(rater.get().departmentId()).contains(revieweeId)) {
            return Optional.of(RaterRelationship.REPORT);
        }
        if (rater.get().departmentId().equals(reviewee.get().departmentId())) {
            return Optional.of(RaterRelationship.PEER);
        }
        return Optional.empty();
    }
}
