package io.logbeam.core.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.util.ConfigException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The spool's storage on its own: framing, segments, torn writes, overflow policies, checkpoint, lock. */
class SpoolTest {

    @TempDir
    Path root;

    private final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private final List<Spool> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Spool::close);
    }

    private SpoolConfig.Builder config() {
        return SpoolConfig.builder().directory(root);
    }

    private Spool open(SpoolConfig config) {
        Spool spool = Spool.open(config, "app", "fake destination", diagnostics);
        opened.add(spool);
        return spool;
    }

    /** An event whose JSON is exactly {@code jsonBytes} long, numbered {@code i}. */
    static EncodedEvent event(int i, int jsonBytes) {
        String head = "{\"n\":" + i + ",\"p\":\"";
        String json = head + "x".repeat(jsonBytes - head.length() - 2) + "\"}";
        return new EncodedEvent(json.getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L + i, "app", null, false);
    }

    static List<EncodedEvent> events(int from, int to, int jsonBytes) {
        return IntStream.range(from, to).mapToObj(i -> event(i, jsonBytes)).collect(Collectors.toList());
    }

    static int number(EncodedEvent e) {
        String json = e.jsonText();
        return Integer.parseInt(json.substring(5, json.indexOf(',')));
    }

    /** Reads and settles everything, returning the event numbers in replay order. */
    static List<Integer> drain(Spool spool) {
        spool.recover(() -> false);
        List<Integer> out = new ArrayList<>();
        for (SpoolChunk c; (c = spool.nextChunk(1000, 1 << 20)) != null; ) {
            c.events().forEach(e -> out.add(number(e)));
            spool.settle(c);
        }
        return out;
    }

    private List<Path> segmentFiles(Spool spool) throws IOException {
        try (Stream<Path> files = Files.list(spool.directory())) {
            return files.filter(p -> p.toString().endsWith(SpoolSegment.SUFFIX)).sorted().collect(Collectors.toList());
        }
    }

    /** The state a crash leaves: the files as they are now, in a fresh directory nobody has locked. */
    private Path crashCopy(Spool spool) throws IOException {
        Path copyRoot = Files.createTempDirectory(root, "crash");
        Path copy = Files.createDirectories(copyRoot.resolve("app"));
        try (Stream<Path> files = Files.list(spool.directory())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().equals(SpoolLock.FILE_NAME)) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return copyRoot;
    }

    @Test
    void recordsComeBackExactlyAsWritten() {
        Spool spool = open(config().build());
        List<EncodedEvent> in = List.of(
                new EncodedEvent("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 1L, "app", null, false),
                new EncodedEvent("{\"b\":\"é🙂\"}".getBytes(StandardCharsets.UTF_8), -5L, "audit-ü", "key-1", true),
                new EncodedEvent("{}".getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE, "", "", false));

        assertThat(spool.append(in)).isEmpty();
        spool.recover(() -> false);
        SpoolChunk chunk = spool.nextChunk(100, 1 << 20);

        assertThat(chunk.events()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EncodedEvent a = in.get(i);
            EncodedEvent b = chunk.events().get(i);
            assertThat(b.json()).isEqualTo(a.json());
            assertThat(b.timeMillis()).isEqualTo(a.timeMillis());
            assertThat(b.logType()).isEqualTo(a.logType());
            assertThat(b.partitionKey()).isEqualTo(a.partitionKey());
            assertThat(b.truncated()).isEqualTo(a.truncated());
        }
        assertThat(spool.nextChunk(100, 1 << 20)).isNull();
        assertThat(spool.stats().spooled()).isEqualTo(3);
        assertThat(spool.stats().replayed()).isEqualTo(3);
        assertThat(spool.stats().events()).isEqualTo(3); // not settled yet
        spool.settle(chunk);
        assertThat(spool.stats().events()).isZero();
        assertThat(spool.stats().bytes()).isZero(); // the segment was deleted
    }

    @ParameterizedTest
    @EnumSource(SpoolFsync.class)
    void segmentsRotateAndReplayOldestFirstWithEveryFsyncPolicy(SpoolFsync fsync) throws IOException {
        Spool spool = open(config().fsync(fsync).segmentBytes(8 * 1024).build());
        for (int batch = 0; batch < 10; batch++) {
            assertThat(spool.append(events(batch * 50, batch * 50 + 50, 200))).isEmpty();
        }
        assertThat(segmentFiles(spool).size()).isGreaterThan(10);
        assertThat(Files.size(segmentFiles(spool).get(0))).isLessThanOrEqualTo(8 * 1024);

        assertThat(drain(spool)).containsExactlyElementsOf(IntStream.range(0, 500).boxed().collect(Collectors.toList()));
        assertThat(segmentFiles(spool)).isEmpty();
        assertThat(spool.stats().bytes()).isZero();
    }

    @Test
    void aTornLastRecordIsSkippedAndTheRestReplayed() throws IOException {
        Spool spool = open(config().segmentBytes(16 * 1024).build());
        spool.append(events(0, 200, 300)); // about 4 segments
        List<Path> segments = segmentFiles(spool);
        assertThat(segments.size()).isGreaterThanOrEqualTo(3);
        Path crashed = crashCopy(spool);
        // A crash in the middle of writing the last record of the first segment.
        Path first = crashed.resolve("app").resolve(segments.get(0).getFileName());
        long size = Files.size(first);
        try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
            f.setLength(size - 100);
        }
        int perSegment = (int) ((size - SpoolSegment.HEADER_BYTES) / frameSize(0, 300));

        Spool again = Spool.open(config().directory(crashed).build(), "app", "fake destination", diagnostics);
        opened.add(again);
        List<Integer> replayed = drain(again);

        List<Integer> expected = IntStream.range(0, 200).boxed().collect(Collectors.toList());
        expected.remove(Integer.valueOf(perSegment - 1));
        assertThat(replayed).containsExactlyElementsOf(expected);
        assertThat(again.stats().corrupt()).isEqualTo(1);
        assertThat(again.stats().recovered()).isEqualTo(199);
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("1 torn or corrupt record"));
        assertThat(segmentFiles(again)).isEmpty();
    }

    private static int frameSize(int i, int jsonBytes) {
        EncodedEvent e = event(i, jsonBytes);
        return SpoolRecord.frameSize(e, SpoolRecord.utf8(e.logType()), null);
    }

    @Test
    void aDamagedRecordInTheMiddleIsSkippedByItsLengthAndTheFollowingOnesKept() throws IOException {
        Spool spool = open(config().build());
        spool.append(events(0, 10, 100));
        Path crashed = crashCopy(spool);
        Path segment = crashed.resolve("app").resolve(segmentFiles(spool).get(0).getFileName());
        int frame = frameSize(0, 100);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            long at = SpoolSegment.HEADER_BYTES + 4L * frame + SpoolRecord.FRAME_HEADER_BYTES + 30; // in record 4's JSON
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x20);
        }

        Spool again = Spool.open(config().directory(crashed).build(), "app", "fake destination", diagnostics);
        opened.add(again);

        assertThat(drain(again)).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 9);
        assertThat(again.stats().corrupt()).isEqualTo(1);
    }

    @Test
    void zerosAfterAPowerLossEndTheSegmentWithoutInventingEvents() throws IOException {
        Spool spool = open(config().build());
        spool.append(events(0, 5, 100));
        Path crashed = crashCopy(spool);
        Path segment = crashed.resolve("app").resolve(segmentFiles(spool).get(0).getFileName());
        Files.write(segment, new byte[4096], java.nio.file.StandardOpenOption.APPEND);

        Spool again = Spool.open(config().directory(crashed).build(), "app", "fake destination", diagnostics);
        opened.add(again);

        assertThat(drain(again)).containsExactly(0, 1, 2, 3, 4);
        assertThat(again.stats().corrupt()).isEqualTo(1);
    }

    @Test
    void dropNewestKeepsTheFirstEventsAndCountsTheRestExactly() {
        int frame = frameSize(0, 500);
        // 4 segments of 16 KiB in a 64 KiB spool: each segment holds its header and as many whole frames as fit.
        Spool spool = open(config().maxBytes(64 * 1024).segmentBytes(16 * 1024).overflow(SpoolOverflow.DROP_NEWEST)
                .build());
        int perSegment = (16 * 1024 - SpoolSegment.HEADER_BYTES) / frame;
        assertFourFullSegmentsLeaveNoRoomForAFifth(frame, perSegment);
        int capacity = 4 * perSegment;

        for (int batch = 0; batch < 10; batch++) {
            assertThat(spool.append(events(batch * 20, batch * 20 + 20, 500))).isEmpty();
        }

        assertThat(spool.stats().spooled()).isEqualTo(capacity);
        assertThat(spool.stats().dropped()).isEqualTo(200 - capacity);
        assertThat(spool.stats().bytes()).isLessThanOrEqualTo(64 * 1024);
        assertThat(drain(spool)).containsExactlyElementsOf(
                IntStream.range(0, capacity).boxed().collect(Collectors.toList()));
    }

    /** The expected counts below rely on it: the slack of four full segments is less than a new segment needs. */
    private static void assertFourFullSegmentsLeaveNoRoomForAFifth(int frame, int perSegment) {
        int slack = 16 * 1024 - SpoolSegment.HEADER_BYTES - perSegment * frame;
        assertThat(4 * slack).isLessThan(SpoolSegment.HEADER_BYTES + frame);
    }

    @Test
    void dropOldestDeletesWholeOldestSegmentsAndKeepsTheNewestExactly() {
        int frame = frameSize(0, 500);
        Spool spool = open(config().maxBytes(64 * 1024).segmentBytes(16 * 1024).build());
        int perSegment = (16 * 1024 - SpoolSegment.HEADER_BYTES) / frame;
        assertFourFullSegmentsLeaveNoRoomForAFifth(frame, perSegment);
        int n = 200;

        for (int batch = 0; batch < 10; batch++) {
            assertThat(spool.append(events(batch * 20, batch * 20 + 20, 500))).isEmpty();
        }

        // Segments fill in order; once 4 are full the oldest whole segment goes for each new one.
        int segmentsWritten = (n + perSegment - 1) / perSegment;
        int droppedSegments = segmentsWritten - 4;
        int dropped = droppedSegments * perSegment;
        assertThat(spool.stats().spooled()).isEqualTo(n);
        assertThat(spool.stats().dropped()).isEqualTo(dropped);
        assertThat(spool.stats().events()).isEqualTo(n - dropped);
        assertThat(drain(spool)).containsExactlyElementsOf(
                IntStream.range(dropped, n).boxed().collect(Collectors.toList()));
    }

    @Test
    void dropOldestDoesNotCountEventsAlreadyHandedToTheReplayer() {
        int frame = frameSize(0, 500);
        Spool spool = open(config().maxBytes(64 * 1024).segmentBytes(16 * 1024).build());
        int perSegment = (16 * 1024 - SpoolSegment.HEADER_BYTES) / frame;
        spool.append(events(0, 4 * perSegment, 500)); // full
        spool.recover(() -> false);
        SpoolChunk firstHalf = spool.nextChunk(perSegment / 2, 1 << 20); // in flight, from the oldest segment

        spool.append(events(1000, 1001, 500)); // needs a fifth segment: the oldest goes

        assertThat(spool.stats().dropped()).isEqualTo(perSegment - perSegment / 2);
        spool.settle(firstHalf); // delivered after all
        assertThat(spool.stats().events()).isEqualTo(3L * perSegment + 1);
        assertThat(drain(spool)).hasSize(3 * perSegment + 1);
    }

    @Test
    void aCleanCloseRecordsHowFarReplayGotSoARestartReplaysNothingTwice() {
        Spool spool = open(config().build());
        spool.append(events(0, 100, 100));
        spool.recover(() -> false);
        SpoolChunk first = spool.nextChunk(30, 1 << 20);
        SpoolChunk second = spool.nextChunk(30, 1 << 20);
        spool.settle(second); // out of order: the checkpoint can not pass the unsettled first chunk yet
        spool.settle(first);
        spool.nextChunk(10, 1 << 20); // read, never settled: replayed again after the restart
        spool.close();
        opened.remove(spool);

        Spool again = open(config().build());
        assertThat(drain(again)).containsExactlyElementsOf(IntStream.range(60, 100).boxed().collect(Collectors.toList()));
        assertThat(again.stats().recovered()).isEqualTo(40);
    }

    @Test
    void afterACrashEveryUnsettledEventIsReplayedAtLeastOnce() throws IOException {
        Spool spool = open(config().build());
        spool.append(events(0, 100, 100));
        spool.recover(() -> false);
        spool.settle(spool.nextChunk(30, 1 << 20));
        spool.nextChunk(30, 1 << 20); // in flight at the crash
        Path crashed = crashCopy(spool);

        Spool again = Spool.open(config().directory(crashed).build(), "app", "fake destination", diagnostics);
        opened.add(again);

        assertThat(drain(again)).containsExactlyElementsOf(IntStream.range(30, 100).boxed().collect(Collectors.toList()));
    }

    @Test
    void anInterruptedCallerNeitherLosesItsEventsNorBreaksTheFilesForOthers() throws Exception {
        Spool spool = open(config().build());
        Thread.currentThread().interrupt(); // a FileChannel used by an interrupted thread closes itself
        try {
            assertThat(spool.append(events(0, 5, 100))).isEmpty();
            assertThat(Thread.currentThread().isInterrupted()).isTrue(); // the caller's status is kept
        } finally {
            Thread.interrupted();
        }
        Thread other = new Thread(() -> assertThat(spool.append(events(5, 10, 100))).isEmpty());
        other.start();
        other.join();

        assertThat(drain(spool)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(diagnostics.lines()).noneSatisfy(l -> assertThat(l).contains("could not"));
    }

    @Test
    void theDestinationIsRecordedAndAChangeIsReported() {
        Spool spool = open(config().build());
        spool.append(events(0, 1, 100));
        spool.close();
        opened.remove(spool);

        opened.add(Spool.open(config().build(), "app", "another destination", diagnostics));

        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l)
                .contains("written for fake destination; they are replayed to another destination"));
    }

    @Test
    void aSecondSpoolOnTheSameDirectoryIsRefusedWithAClearError() {
        open(config().build());

        assertThatThrownBy(() -> open(config().build()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .containsExactly("spoolDirectory"))
                .hasMessageContaining("already used by another running appender");
        // Another appender name is another sub-directory.
        opened.add(Spool.open(config().build(), "other", "fake destination", diagnostics));
    }

    @Test
    void openOrWaitWaitsForTheSpoolOfThisJvmThatHoldsTheDirectoryAndIsCalledBackWhenItCloses() {
        Spool first = Spool.open(config().build(), "app", "fake destination", diagnostics);
        first.append(events(0, 3, 100));
        List<String> calls = new ArrayList<>();
        Runnable waiter = () -> calls.add("waiter on " + Thread.currentThread().getName());
        Runnable cancelled = () -> calls.add("cancelled");

        assertThat(Spool.openOrWait(config().build(), "app", "fake destination", diagnostics, waiter)).isNull();
        assertThat(Spool.openOrWait(config().build(), "app", "fake destination", diagnostics, cancelled)).isNull();
        Spool.cancelWait(cancelled);
        assertThat(calls).isEmpty();

        first.close(); // releases the directory and calls the waiter back, on this thread

        assertThat(calls).containsExactly("waiter on " + Thread.currentThread().getName());
        Spool second = Spool.openOrWait(config().build(), "app", "fake destination", diagnostics, waiter);
        assertThat(second).isNotNull();
        opened.add(second);
        second.recover(() -> false);
        assertThat(second.stats().recovered()).isEqualTo(3); // what the first one left
        assertThat(calls).hasSize(1); // a callback runs once
    }

    @Test
    void aDirectoryThatCanNotBeCreatedIsAConfigurationError() throws IOException {
        // Below a regular file no directory can be made, not even by root (CI runs as root, which a read-only
        // directory would not stop).
        Path file = Files.createFile(root.resolve("a-file"));

        assertThatThrownBy(() -> open(config().directory(file.resolve("spool")).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spoolDirectory");
    }

    @Test
    void theDirectoryIsCreatedAndReleasedAtClose() {
        Path deep = root.resolve("a/b/c");
        Spool spool = open(config().directory(deep).build());
        assertThat(Files.isDirectory(deep.resolve("app"))).isTrue();
        spool.close();
        opened.remove(spool);
        open(config().directory(deep).build()); // the lock was released
    }

    @Test
    void aFileOfAnUnknownFormatIsKeptAndSkipped() throws IOException {
        Path dir = Files.createDirectories(root.resolve("app"));
        Path foreign = dir.resolve(SpoolSegment.fileName(1));
        Files.write(foreign, new byte[] {'N', 'O', 'P', 'E', 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});
        Spool spool = open(config().build());
        spool.append(events(0, 3, 100));

        assertThat(drain(spool)).containsExactly(0, 1, 2);
        assertThat(Files.exists(foreign)).isTrue();
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("not a spool segment"));
    }

    @Test
    void invalidSettingsNameTheirProperty() {
        assertThatThrownBy(() -> SpoolConfig.builder().directory(" ").maxBytes(10).build())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .containsExactly("spoolDirectory", "spoolMaxBytes"));
        assertThatThrownBy(() -> SpoolFsync.parse("spoolFsync", "sometimes")).hasMessageContaining("spoolFsync");
        assertThatThrownBy(() -> SpoolOverflow.parse("spoolOverflow", "dropAll")).hasMessageContaining("spoolOverflow");
        assertThat(SpoolOverflow.parse("x", "DROPNEWEST")).isEqualTo(SpoolOverflow.DROP_NEWEST);
        assertThat(SpoolConfig.builder().directory(root).build().segmentBytes()).isEqualTo(SpoolConfig.MAX_SEGMENT_BYTES);
        assertThat(Spool.directoryName("my app/../x")).isEqualTo("my_app_.._x");
        assertThat(Spool.directoryName("..")).isEqualTo("_..");
    }
}
