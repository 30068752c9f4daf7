/**
 * Log events: the SPI a framework adapter implements ({@link io.logbeam.core.event.EventAdapter}, with
 * {@link io.logbeam.core.event.EventCarriers} and {@link io.logbeam.core.event.EventCopier} for adapters that copy into
 * preallocated ring slots), what an adapter writes fields through ({@link io.logbeam.core.event.FieldWriter}), and
 * turning one event into its JSON object ({@link io.logbeam.core.event.EventSerializer},
 * {@link io.logbeam.core.event.JsonSchema}, log_type resolution, log_id, time, stack traces) as an
 * {@link io.logbeam.core.event.EncodedEvent}; the values logged with an event, captured at the call and written as
 * JSON ({@link io.logbeam.core.event.LoggedValues}, objects through an {@link io.logbeam.core.event.ObjectConverter}:
 * Jackson when present), masking and key filters. Uses only {@code json} and {@code util} (and Jackson databind, an
 * optional dependency, only in {@code JacksonConverter}).
 */
package io.logbeam.core.event;
