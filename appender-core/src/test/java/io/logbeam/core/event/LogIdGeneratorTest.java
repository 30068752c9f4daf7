package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.util.ConfigException;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LogIdGeneratorTest {

    private static final long T = 1_795_000_000_123L; // 2026-11-18, well inside 48 bits

    /** The 128 bits of a generated id, parsed from its text (which is all a consumer sees). */
    private record Id(long msb, long lsb) implements Comparable<Id> {
        /** Parses the canonical text; plain checks rather than assertions: this runs tens of millions of times. */
        static Id of(char[] text) {
            if (text.length != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') {
                throw new AssertionError("not a UUID: " + new String(text));
            }
            long msb = 0;
            long lsb = 0;
            int digits = 0;
            for (char c : text) {
                if (c == '-') {
                    continue;
                }
                int v = Character.digit(c, 16);
                if (v < 0 || Character.toLowerCase(c) != c) {
                    throw new AssertionError("not lower-case hex: " + new String(text));
                }
                if (digits < 16) {
                    msb = (msb << 4) | v;
                } else {
                    lsb = (lsb << 4) | v;
                }
                digits++;
            }
            return new Id(msb, lsb);
        }

        long millis() {
            return msb >>> 16;
        }

        int counter() {
            return (int) (msb & 0xFFF);
        }

        @Override
        public int compareTo(Id o) {
            int c = Long.compareUnsigned(msb, o.msb);
            return c != 0 ? c : Long.compareUnsigned(lsb, o.lsb);
        }
    }

    @Test
    void uuid7CarriesTheRfc9562VersionVariantAndTime() {
        Uuid7Generator ids = new Uuid7Generator(() -> T, 0x1234_5678_9ABC_DEF0L);
        String text = new String(ids.next());
        UUID uuid = UUID.fromString(text);
        assertThat(uuid.toString()).isEqualTo(text);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).as("unix_ts_ms").isEqualTo(T);
        assertThat(uuid.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL).as("rand_b: the generator's 62 bits")
                .isEqualTo(0x1234_5678_9ABC_DEF0L & 0x3FFF_FFFF_FFFF_FFFFL);
    }

    @Test
    void uuid4CarriesTheRfc9562VersionAndVariant() {
        Uuid4Generator ids = new Uuid4Generator();
        for (int i = 0; i < 1_000; i++) {
            String text = new String(ids.next());
            UUID uuid = UUID.fromString(text);
            assertThat(uuid.toString()).isEqualTo(text);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
    }

    @Test
    void uuid7IdsOfOneGeneratorAlwaysIncreaseAsNumbersAndAsText() {
        Uuid7Generator ids = new Uuid7Generator(System::currentTimeMillis, 42);
        char[] first = ids.next();
        Id previous = Id.of(first);
        String previousText = new String(first);
        for (int i = 0; i < 1_000_000; i++) {
            char[] next = ids.next();
            String text = new String(next);
            previous = increasing(previous, Id.of(next));
            if (text.compareTo(previousText) <= 0) {
                throw new AssertionError(text + " does not sort after " + previousText);
            }
            previousText = text;
        }
    }

    @Test
    void theCounterCountsWithinAMillisecondAndBorrowsTheNextOneWhenFull() {
        AtomicLong clock = new AtomicLong(T);
        Uuid7Generator ids = new Uuid7Generator(clock::get, 7);
        for (int i = 0; i <= Uuid7Generator.MAX_COUNTER; i++) {
            Id id = Id.of(ids.next());
            assertThat(id.millis()).isEqualTo(T);
            assertThat(id.counter()).isEqualTo(i);
        }
        Id overflow = Id.of(ids.next());
        assertThat(overflow.millis()).as("4,097th id of one millisecond").isEqualTo(T + 1);
        assertThat(overflow.counter()).isZero();
        Id more = Id.of(ids.next());
        assertThat(more.millis()).isEqualTo(T + 1);
        assertThat(more.counter()).isEqualTo(1);
        clock.set(T + 1);
        assertThat(Id.of(ids.next()).counter()).as("the clock reached the borrowed millisecond").isEqualTo(2);
        clock.set(T + 5);
        Id later = Id.of(ids.next());
        assertThat(later.millis()).isEqualTo(T + 5);
        assertThat(later.counter()).isZero();
    }

    @Test
    void aClockGoingBackwardsNeitherRepeatsNorReordersIds() {
        AtomicLong clock = new AtomicLong(T);
        Uuid7Generator ids = new Uuid7Generator(clock::get, 7);
        Id before = Id.of(ids.next());
        clock.set(T - 60_000); // an NTP step back of a minute
        Id previous = before;
        for (int i = 0; i < 10_000; i++) {
            Id id = Id.of(ids.next());
            assertThat(id).isGreaterThan(previous);
            assertThat(id.millis()).isGreaterThanOrEqualTo(T);
            previous = id;
        }
        assertThat(previous.millis()).as("10,000 ids borrow two milliseconds").isEqualTo(T + 2);
        clock.set(T + 3);
        Id caughtUp = Id.of(ids.next());
        assertThat(caughtUp.millis()).isEqualTo(T + 3);
        assertThat(caughtUp.counter()).isZero();
    }

    /**
     * Two generators started in the same millisecond make ten million ids each, on the real clock, and no id of one is
     * an id of the other. Each generator's ids increase, so the check is a merge of two sorted streams and keeps
     * nothing.
     */
    @Test
    void twoGeneratorsStartedInTheSameMillisecondNeverCollide() {
        int perGenerator = 10_000_000;
        Uuid7Generator first = new Uuid7Generator();
        Uuid7Generator second = new Uuid7Generator();
        assertThat(collisions(first, second, perGenerator)).isZero();
    }

    @Test
    void theMergeCheckFindsCollisionsWhenTheRandomPartIsShared() {
        // The control for the test above: the 62 random bits are all that keeps two generators apart.
        AtomicLong clock = new AtomicLong(T);
        assertThat(collisions(new Uuid7Generator(clock::get, 99), new Uuid7Generator(clock::get, 99), 10_000))
                .isPositive();
    }

    /** Ids produced by both generators, {@code n} ids each, drawn in merge order (both streams must increase). */
    private static long collisions(LogIdGenerator a, LogIdGenerator b, int n) {
        Id x = Id.of(a.next());
        Id y = Id.of(b.next());
        int fromA = 1;
        int fromB = 1;
        long same = 0;
        while (fromA < n || fromB < n) {
            int c = x.compareTo(y);
            if (c == 0) {
                same++;
            }
            if ((c <= 0 && fromA < n) || fromB == n) {
                x = increasing(x, Id.of(a.next()));
                fromA++;
            } else {
                y = increasing(y, Id.of(b.next()));
                fromB++;
            }
        }
        return x.compareTo(y) == 0 ? same + 1 : same;
    }

    private static Id increasing(Id previous, Id next) {
        if (next.compareTo(previous) <= 0) {
            throw new AssertionError(next + " does not follow " + previous);
        }
        return next;
    }

    @Test
    void uuid4GeneratorsSeededFromSecureRandomNeverCollide() {
        int n = 1_000_000;
        Id[] all = new Id[2 * n];
        LogIdGenerator a = LogIdFormat.UUID4.newGenerator();
        LogIdGenerator b = LogIdFormat.UUID4.newGenerator();
        for (int i = 0; i < n; i++) {
            all[2 * i] = Id.of(a.next());
            all[2 * i + 1] = Id.of(b.next());
        }
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            assertThat(all[i]).isNotEqualTo(all[i - 1]);
        }
    }

    @Test
    void everyWordOfTheUuid4StateCounts() {
        String reference = firstIds(new Uuid4Generator(1, 2, 3, 4));
        assertThat(firstIds(new Uuid4Generator(1, 2, 3, 4))).as("reproducible").isEqualTo(reference);
        assertThat(firstIds(new Uuid4Generator(9, 2, 3, 4))).isNotEqualTo(reference);
        assertThat(firstIds(new Uuid4Generator(1, 9, 3, 4))).isNotEqualTo(reference);
        assertThat(firstIds(new Uuid4Generator(1, 2, 9, 4))).isNotEqualTo(reference);
        assertThat(firstIds(new Uuid4Generator(1, 2, 3, 9))).isNotEqualTo(reference);
        assertThatThrownBy(() -> new Uuid4Generator(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The first few ids: a word of the state may take a step or two to reach the output. */
    private static String firstIds(LogIdGenerator ids) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            s.append(ids.next()).append(' ');
        }
        return s.toString();
    }

    @Test
    void eachOfTheUuid4RandomBitsIsSetAboutHalfTheTime() {
        int n = 200_000;
        int[] ones = new int[128];
        Uuid4Generator ids = new Uuid4Generator(0x9E37_79B9_7F4A_7C15L, 1, 2, 3);
        for (int i = 0; i < n; i++) {
            Id id = Id.of(ids.next());
            for (int bit = 0; bit < 64; bit++) {
                ones[bit] += (int) ((id.msb >>> (63 - bit)) & 1);
                ones[64 + bit] += (int) ((id.lsb >>> (63 - bit)) & 1);
            }
        }
        for (int bit = 0; bit < 128; bit++) {
            boolean fixed = (bit >= 48 && bit < 52) || bit == 64 || bit == 65; // version 0100, variant 10
            if (!fixed) {
                // 5.6 standard deviations of a fair coin over 200,000 draws: a broken bit fails, noise does not.
                assertThat(Math.abs(ones[bit] - n / 2)).as("bit %d set %d times of %d", bit, ones[bit], n)
                        .isLessThan(n / 160);
            }
        }
    }

    @Test
    void theFormatIsParsedFromItsPropertyText() {
        assertThat(LogIdFormat.parse("logIdFormat", " UUID7 ")).isEqualTo(LogIdFormat.UUID7);
        assertThat(LogIdFormat.parse("logIdFormat", "uuid4")).isEqualTo(LogIdFormat.UUID4);
        assertThatThrownBy(() -> LogIdFormat.parse("logIdFormat", "ulid")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("logIdFormat").hasMessageContaining("'ulid'");
        assertThat(UUID.fromString(new String(LogIdFormat.UUID7.newGenerator().next())).version()).isEqualTo(7);
    }
}
