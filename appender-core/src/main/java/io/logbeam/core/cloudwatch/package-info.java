/**
 * CloudWatch Logs: PutLogEvents within the service's limits ({@link io.logbeam.core.cloudwatch.CloudWatchLimits}),
 * time ordering and the 24 h span, rejected events, creating the group and stream. Knows neither the engine nor the
 * other destinations.
 */
package io.logbeam.core.cloudwatch;
