package io.logbeam.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * {@link ObjectConverter} through a Jackson {@code ObjectMapper}: loaded only when Jackson databind is present (see
 * {@link ObjectConverter#jacksonPresent()}), so that appender-core runs without it.
 */
final class JacksonConverter implements ObjectConverter {

    private final ObjectMapper mapper;
    /** The mapper's writer without pretty printing: an event is one line, whatever the application's mapper does. */
    private final ObjectWriter compact;

    private JacksonConverter(ObjectMapper mapper) {
        this.mapper = mapper;
        this.compact = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    static ObjectConverter withDefaultMapper() {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        try {
            mapper.findAndRegisterModules(); // jsr310, jdk8, ... when the application has them
        } catch (RuntimeException | LinkageError e) {
            // a broken module on the class path: go on with the plain mapper
        }
        return new JacksonConverter(mapper);
    }

    static ObjectConverter of(Object mapper) {
        if (!(mapper instanceof ObjectMapper)) {
            throw new IllegalArgumentException("expected a " + ObjectMapper.class.getName() + ", got "
                    + (mapper == null ? "null" : mapper.getClass().getName()));
        }
        return new JacksonConverter((ObjectMapper) mapper);
    }

    @Override
    public Object toPlain(Object value) {
        return mapper.convertValue(value, Object.class);
    }

    @Override
    public byte[] toJson(Object value, int maxBytes) throws IOException {
        Bounded out = new Bounded(maxBytes);
        try {
            compact.writeValue(out, value);
        } catch (IOException | RuntimeException e) {
            if (out.over) {
                return null;
            }
            throw e;
        }
        return out.bytes();
    }

    /** Collects what the writer writes; fails it (an exception it passes on) once more than {@code max} bytes. */
    private static final class Bounded extends OutputStream {
        private final int max;
        private byte[] buffer = new byte[128];
        private int count;
        boolean over;

        Bounded(int max) {
            this.max = max;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensure(len);
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            ensure(1);
            buffer[count++] = (byte) b;
        }

        private void ensure(int more) throws IOException {
            if (count + more > max) {
                over = true;
                throw new IOException("more than " + max + " bytes");
            }
            if (count + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(count + more, buffer.length * 2));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, count);
        }
    }

    @Override
    public Object objectMapper() {
        return mapper;
    }
}
