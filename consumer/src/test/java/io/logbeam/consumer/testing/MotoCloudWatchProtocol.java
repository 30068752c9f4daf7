package io.logbeam.consumer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Test-only bridge: the AWS SDK speaks Smithy RPC v2 CBOR to CloudWatch, moto 5.2 only the older JSON 1.0 and
 * query protocols. This interceptor turns each request into the same request in JSON 1.0 (same operation, same
 * members) and each answer back into CBOR, so the handler's real {@code PutMetricData} reaches moto unchanged in
 * content. Build the client without request compression (PutMetricData gzips large bodies).
 */
public final class MotoCloudWatchProtocol implements ExecutionInterceptor {

    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        String path = request.encodedPath();
        if (!path.startsWith(PATH_PREFIX)) {
            return request;
        }
        byte[] json = json(context.requestBody());
        return request.toBuilder().encodedPath("/").removeHeader("smithy-protocol").removeHeader("Accept")
                .putHeader("X-Amz-Target", "GraniteServiceVersion20100801." + path.substring(PATH_PREFIX.length()))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(json.length)).build();
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        // The same context as modifyHttpRequest's: the request as it was, before that hook changed it.
        if (!context.httpRequest().encodedPath().startsWith(PATH_PREFIX)) {
            return context.requestBody();
        }
        return Optional.of(RequestBody.fromBytes(json(context.requestBody())));
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return context.httpResponse().toBuilder().putHeader("smithy-protocol", "rpc-v2-cbor")
                .putHeader("Content-Type", "application/cbor").removeHeader("Content-Length").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        try (InputStream in = context.responseBody().orElse(InputStream.nullInputStream())) {
            byte[] body = in.readAllBytes();
            JsonNode tree = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            return Optional.of(new ByteArrayInputStream(CBOR.writeValueAsBytes(tree)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(Optional<RequestBody> body) {
        if (body.isEmpty()) {
            return "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try (InputStream in = body.get().contentStreamProvider().newStream()) {
            byte[] cbor = in.readAllBytes();
            return JSON.writeValueAsBytes(cbor.length == 0 ? JSON.createObjectNode() : CBOR.readTree(cbor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
