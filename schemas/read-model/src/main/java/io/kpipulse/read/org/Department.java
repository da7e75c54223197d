package io.kpipulse.read.org;

/**
 * A department as of a day.
 *
 * @param parentId null for a root
 * @param type     {@code FRONT_LINE}, {@code SUPPORT} or {@code UNKNOWN}
 * @param function the business function ({@code LIFE_SALES}, {@code FINANCE}, ...)
 */
public record Department(String id, String name, String parentId, String type, String function) {}
