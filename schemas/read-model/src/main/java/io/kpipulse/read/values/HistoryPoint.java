package io.kpipulse.read.values;

import io.kpipulse.catalog.WindowBounds;

/**
 * The window as of {@code day}: its instance, and the subject's newest value of it, or null when nothing
 * was counted in it.
 */
public record HistoryPoint(java.time.LocalDate day, WindowBounds window, IndicatorValue value) {}
