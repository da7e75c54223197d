package io.kpipulse.api.alerts.delivery;

/** One alert transition put into words for one language: a title, markdown and plain text, and the link. */
public record Notification(String title, String markdown, String text, String link) {}
