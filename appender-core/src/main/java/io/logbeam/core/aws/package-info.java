/**
 * What the three AWS destinations share: building an SDK client with its retries off (Logbeam retries per entry),
 * timeouts, endpoint and credentials ({@link io.logbeam.core.aws.AwsSettings}, {@link io.logbeam.core.aws.AwsClients}),
 * and classifying SDK errors ({@link io.logbeam.core.aws.AwsErrors}).
 */
package io.logbeam.core.aws;
