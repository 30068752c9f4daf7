package io.logbeam.core.event;

/**
 * Logbeam's own Jackson converter, built at the first value that needs it. Building an {@code ObjectMapper} and
 * looking for its modules loads about 300 classes (a quarter of a second at a Lambda cold start, measured with
 * {@code -Xlog:class+load}); an application that never logs an object of its own should not pay for it at start.
 */
final class DefaultJacksonConverter implements ObjectConverter {

    /** The class-initialization lock makes the first use build it once, whichever thread gets there first. */
    private static final class Built {
        static final ObjectConverter CONVERTER = JacksonConverter.withDefaultMapper();
    }

    @Override
    public Object toPlain(Object value) throws Exception {
        return Built.CONVERTER.toPlain(value);
    }

    @Override
    public byte[] toJson(Object value, int maxBytes) throws Exception {
        return Built.CONVERTER.toJson(value, maxBytes);
    }

    @Override
    public Object objectMapper() {
        return Built.CONVERTER.objectMapper();
    }
}
