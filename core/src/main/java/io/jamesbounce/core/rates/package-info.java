/**
 * Per-domain bounce rates: the counters the outbound path feeds ({@link io.jamesbounce.core.rates.RateAccumulator}),
 * the figures read back from the shared store ({@link io.jamesbounce.core.rates.DomainFigures}), the rules that turn
 * them into a target state ({@link io.jamesbounce.core.rates.RateRules}), the per-domain state machine
 * ({@link io.jamesbounce.core.rates.DomainRateMonitor}) and the throttle the outbound path asks
 * ({@link io.jamesbounce.core.rates.Throttle}). Pure logic: no store, no James, time from an injected clock.
 */
package io.jamesbounce.core.rates;
