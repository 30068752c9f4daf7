/**
 * Log events: the SPI a framework adapter implements ({@link io.logbeam.core.event.EventAdapter}, with
 * {@link io.logbeam.core.event.EventCarriers} and {@link io.logbeam.core.event.EventCopier} for adapters that copy into
 * preallocated ring slots), what an adapter writes fields through ({@link io.logbeam.core.event.FieldWriter}), and
 * turning one event into its JSON object ({@link io.logbeam.core.event.EventSerializer},
 * {@link io.logbeam.core.event.JsonSchema}, log_type resolution, log_id, time, stack traces) as an
 * {@link io.logbeam.core.event.EncodedEvent}. Uses only {@code json} and {@code util}.
 */
package io.logbeam.core.event;
