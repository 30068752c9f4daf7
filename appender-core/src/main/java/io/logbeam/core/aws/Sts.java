package io.logbeam.core.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What Logbeam asks STS: the credentials of {@code roleArn}, and the account id of the credentials in use (the
 * {@code {aws:accountId}} placeholder). A class of its own so that the optional {@code sts} artifact is loaded only
 * when one of them is configured ({@link AwsSettings} checks that it is there).
 */
final class Sts {

    private Sts() {
    }

    /**
     * The role's credentials, assumed with {@code base}: fetched by the first request that needs them (on a sender
     * thread), then refreshed in the background before they expire (the SDK's prefetch, 5 minutes ahead), so that no
     * request waits for STS afterwards; only a refresh that has not succeeded 1 minute before expiry makes a request
     * wait. Closing the returned provider closes the refresh and the STS client.
     */
    static AwsCredentialsProvider assumedRole(AwsSettings settings, AwsCredentialsProvider base) {
        StsClient sts = client(settings, base);
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(settings.roleArn())
                .roleSessionName(settings.roleSessionName());
        if (settings.externalId() != null) {
            request.externalId(settings.externalId());
        }
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(request.build()).asyncCredentialUpdateEnabled(true).build();
        return new Owned(provider, sts);
    }

    /**
     * The account of the appender's credentials (of the assumed role with {@code roleArn}): one GetCallerIdentity
     * call, which needs no permission (an explicit deny, or an SCP, can still refuse it).
     */
    static String accountId(AwsSettings settings) {
        AwsCredentialsProvider base = AwsClients.baseCredentials(settings);
        AwsCredentialsProvider credentials = settings.roleArn() == null ? base : assumedRole(settings, base);
        try (StsClient sts = client(settings, credentials)) {
            return sts.getCallerIdentity().account();
        } finally {
            if (credentials instanceof SdkAutoCloseable) {
                ((SdkAutoCloseable) credentials).close();
            }
        }
    }

    private static StsClient client(AwsSettings settings, AwsCredentialsProvider credentials) {
        StsClientBuilder builder = StsClient.builder();
        AwsClients.configure(builder, settings, settings.stsEndpoint(), credentials);
        return builder.build();
    }

    /** The assumed role's provider together with the STS client it uses, closed together. */
    private static final class Owned implements AwsCredentialsProvider, SdkAutoCloseable {
        private final StsAssumeRoleCredentialsProvider provider;
        private final StsClient sts;

        Owned(StsAssumeRoleCredentialsProvider provider, StsClient sts) {
            this.provider = provider;
            this.sts = sts;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return provider.resolveCredentials();
        }

        @Override
        public void close() {
            provider.close();
            sts.close();
        }
    }
}
