/**
 * Plain JSON text, written straight into a reused UTF-8 buffer: {@link io.logbeam.core.json.JsonOutput}, pre-encoded
 * keys ({@link io.logbeam.core.json.JsonName}), cutting text at a UTF-8 character boundary
 * ({@link io.logbeam.core.json.Utf8Text}) and JSON written earlier at an element boundary
 * ({@link io.logbeam.core.json.JsonCut}). Knows nothing of log events.
 */
package io.logbeam.core.json;
