/**
 * The Logback appenders ({@link io.logbeam.logback.KinesisAppender}, {@link io.logbeam.logback.FirehoseAppender},
 * {@link io.logbeam.logback.CloudWatchLogsAppender}): thin glue over appender-core. Setters take each property's text
 * for the core to check; the event is snapshotted on the logging thread and read later through
 * {@link io.logbeam.logback.LogbackEventAdapter}.
 */
package io.logbeam.logback;
