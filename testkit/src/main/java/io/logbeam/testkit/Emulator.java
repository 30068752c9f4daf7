package io.logbeam.testkit;

import java.util.Optional;

/** The third-party emulators {@link RequiresEmulator} can ask for. */
public enum Emulator {
    /** {@link MotoServer}: Kinesis (JSON only), Firehose to S3, CloudWatch Logs, S3. */
    MOTO {
        @Override
        public Optional<String> unavailableReason() {
            return MotoServer.executable().isPresent() ? Optional.empty() : Optional.of(MotoServer.NOT_FOUND);
        }
    },
    /** {@link KinesisLocal}: kinesis-mock on node, JSON and CBOR. */
    KINESIS_LOCAL {
        @Override
        public Optional<String> unavailableReason() {
            return KinesisLocal.unavailableReason();
        }
    };

    /** Why this emulator cannot run on this machine, or empty when it can. */
    public abstract Optional<String> unavailableReason();
}
