package io.logbeam.consumer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/** An S3 client that keeps objects in memory; PutObject fails for keys a test chooses. */
public final class FakeS3 implements S3Client {

    private final Map<String, byte[]> objects = new TreeMap<>();
    private final Map<String, Map<String, String>> metadata = new TreeMap<>();
    private Predicate<String> failing = key -> false;
    private int puts;

    /** PutObject fails (HTTP 500) for keys matching {@code keys}. */
    public void failFor(Predicate<String> keys) {
        failing = keys;
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        puts++;
        if (failing.test(request.key())) {
            throw (S3Exception) S3Exception.builder().statusCode(500).message("We encountered an internal error")
                    .build();
        }
        try (InputStream in = body.contentStreamProvider().newStream()) {
            objects.put(request.key(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        metadata.put(request.key(), request.metadata());
        return PutObjectResponse.builder().build();
    }

    /** Stored objects by key. */
    public Map<String, byte[]> objects() {
        return objects;
    }

    /** The user metadata stored with {@code key}. */
    public Map<String, String> metadata(String key) {
        return metadata.get(key);
    }

    /** PutObject calls, failed ones included. */
    public int puts() {
        return puts;
    }

    /** An object gunzipped, as text. */
    public String text(String key) {
        return gunzip(objects.get(key));
    }

    public static String gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
