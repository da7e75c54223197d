package io.kpipulse.api.live;

import io.kpipulse.read.changes.ValueChange;

/**
 * One event as it goes on the wire: its id ({@code <feed epoch>-<sequence>}, for Last-Event-ID), the
 * serialised JSON, and the change itself so each client's scope can decide whether it sees it.
 */
record LiveEvent(String id, long sequence, String json, ValueChange change) {}
