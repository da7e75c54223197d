/**
 * The read model: the one place that knows how the engine stores indicator values and the org directory
 * in ClickHouse. The API, scoring, alerts and period close read through it and never query the value
 * tables themselves, so the storage layout can change behind it.
 */
package io.kpipulse.read;
