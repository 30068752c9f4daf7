/**
 * Where events that can not be delivered go, with the reason: standard error by default
 * ({@link io.logbeam.core.fallback.StderrFallback}), nowhere but the counters
 * ({@link io.logbeam.core.fallback.SilentFallback}), or a user's {@link io.logbeam.core.fallback.Fallback}.
 */
package io.logbeam.core.fallback;
