package io.kpipulse.api.alerts.delivery;

import java.util.Map;

/** One HTTP POST a channel makes: URL (with any signature parameters), headers, JSON body. */
public record OutboundRequest(String url, Map<String, String> headers, String body) {}
