/**
 * AWS Lambda helpers: flushing every appender at the end of each invocation
 * ({@link io.logbeam.core.lambda.LogbeamLambda}, {@link io.logbeam.core.lambda.LogbeamRequestHandler}).
 */
package io.logbeam.core.lambda;
