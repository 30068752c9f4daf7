package io.logbeam.core.aws;

import io.logbeam.core.util.Substitutions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The placeholders that need a call to AWS ({@code {aws:accountId}}, {@code {ec2:instanceId}}, {@code {ec2:region}}),
 * for one appender's settings. Only ever called off the logging path (a sender thread opening the destination).
 * The instance facts are kept for the JVM once read; the account id for this appender's credentials.
 */
public final class AwsFacts implements Substitutions.RemoteFacts {

    private static final Map<String, String> INSTANCE_FACTS = new ConcurrentHashMap<>();

    private final AwsSettings settings;
    private final InstanceMetadata metadata;
    private volatile String accountId;

    /** Facts for {@code settings}, with the real environment and system properties. */
    public AwsFacts(AwsSettings settings) {
        this(settings, System.getenv(), System::getProperty);
    }

    /** Facts with given sources of the metadata endpoint's settings (tests). */
    public AwsFacts(AwsSettings settings, Map<String, String> environment, UnaryOperator<String> systemProperties) {
        this.settings = settings;
        this.metadata = new InstanceMetadata(environment, systemProperties);
    }

    @Override
    public String lookup(String name) throws Exception {
        switch (name) {
            case "aws:accountId":
                return accountId();
            case "ec2:instanceId":
                return instanceFact(name);
            case "ec2:region":
                return instanceFact(name);
            default:
                throw new IllegalArgumentException("not a fact: " + name);
        }
    }

    private String accountId() {
        String known = accountId;
        if (known == null) {
            if (!settings.stsAvailable()) {
                throw new IllegalStateException("it needs " + AwsSettings.STS_ARTIFACT + " on the class path (a "
                        + "dependency of the application, in the AWS SDK's version); it is not there");
            }
            try {
                known = Sts.accountId(settings);
            } catch (RuntimeException e) {
                throw new IllegalStateException("STS GetCallerIdentity failed" + settings.describeLocation() + ": "
                        + e.getMessage() + " (GetCallerIdentity needs no permission, but an explicit deny or a service "
                        + "control policy can refuse it; write the account id instead of the placeholder then)", e);
            }
            accountId = known;
        }
        return known;
    }

    private String instanceFact(String name) throws Exception {
        String known = INSTANCE_FACTS.get(name);
        if (known == null) {
            known = name.equals("ec2:region") ? metadata.region() : metadata.instanceId();
            INSTANCE_FACTS.put(name, known);
        }
        return known;
    }

    /** Forgets the instance facts read so far (tests with several fake metadata endpoints). */
    public static void forgetInstanceFacts() {
        INSTANCE_FACTS.clear();
    }
}
