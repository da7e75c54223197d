package io.kpipulse.scoring.review;

/** How a rater stands to the reviewee, decided on the server from the org ({@link RaterRelationships}). */
public enum RaterRelationship {
    MANAGER,
    PEER,
    REPORT,
    SELF
}
