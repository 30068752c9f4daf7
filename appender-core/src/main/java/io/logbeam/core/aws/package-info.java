/**
 * What the three AWS destinations share: building an SDK client with its retries off (Logbeam retries per entry),
 * timeouts, endpoint, HTTP client and credentials, an assumed role and a user's
 * {@link io.logbeam.core.aws.AwsClientCustomizer} ({@link io.logbeam.core.aws.AwsSettings},
 * {@link io.logbeam.core.aws.AwsClients}), the facts looked up in AWS for placeholders
 * ({@link io.logbeam.core.aws.AwsFacts}: STS, instance metadata), and classifying SDK errors
 * ({@link io.logbeam.core.aws.AwsErrors}).
 */
package io.logbeam.core.aws;
