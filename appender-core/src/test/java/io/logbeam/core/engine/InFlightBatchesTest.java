package io.logbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.BatchEntry;

import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightBatchesTest {

    private final InFlightBatches batches = new InFlightBatches();

    @Test
    void aFlushCompletesWhenEveryLiveBatchSubmittedBeforeItIsSettledInWhateverOrder() {
        InFlightBatches.Batch first = batches.live(List.<BatchEntry>of());
        InFlightBatches.Batch second = batches.live(List.<BatchEntry>of());
        FlushRequest flush = new FlushRequest();
        batches.whenSettled(flush);
        InFlightBatches.Batch after = batches.live(List.<BatchEntry>of());

        batches.settled(second);
        assertThat(flush.isComplete()).isFalse();
        batches.settled(first);
        assertThat(flush.isComplete()).as("the batch after the flush does not hold it").isTrue();
        assertThat(batches.unsettled()).containsExactly(after);
    }

    @Test
    void aFlushWithNothingInFlightCompletesAtOnceAndReplaysDoNotHoldIt() {
        InFlightBatches.Batch replay = batches.replay(List.of(), new ReplayBatch() {
            @Override
            public void handBack(List<BatchEntry> entries) {
            }

            @Override
            public void settled() {
            }
        });
        FlushRequest flush = new FlushRequest();

        batches.whenSettled(flush);

        assertThat(flush.isComplete()).isTrue();
        assertThat(batches.awaitReplays(System.nanoTime())).as("a replay is in flight").isFalse();
        batches.settled(replay);
        assertThat(batches.awaitReplays(System.nanoTime())).isTrue();
        assertThat(batches.unsettled()).isEmpty();
    }
}
