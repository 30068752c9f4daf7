/**
 * Logbeam's public face for applications: {@link io.logbeam.core.Logbeam} flushes and stops every running appender of
 * the JVM (AWS Lambda: at the end of every invocation). The top layer of appender-core; see {@code docs/architecture.md}
 * for the layers below it.
 */
package io.logbeam.core;
