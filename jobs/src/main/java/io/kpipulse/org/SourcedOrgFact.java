package io.kpipulse.org;

import java.io.Serializable;

/**
 * An org fact with what identifies its event: the event id, and a version that a replay reproduces (the
 * record's Kafka offset; one entity's events share a key, so a partition, and the later-sent change of one
 * instant wins, as it does in the engine's directory time lines).
 */
public record SourcedOrgFact(OrgFact fact, String eventId, long version) implements Serializable {}
