package io.logbeam.examples.functions;

import io.logbeam.core.Logbeam;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the AWS Lambda runtime for one function in its own JVM, as the demo's application sample needs:
 * the environment (set by the parent) says which function this is ({@code AWS_LAMBDA_FUNCTION_NAME},
 * {@code AWS_LAMBDA_FUNCTION_VERSION}); the handler is created (the init phase), then invoked a few times
 * with a request id each.
 *
 * <p>Protocol with the parent: prints {@code READY} after the init phase, waits for a line on standard
 * input (so the three functions start their invocations together), runs the invocations, then prints
 * {@code RESULT function=.. published=.. delivered=.. fallback=.. dropped=..} and exits 0 if everything
 * was delivered.
 *
 * <p>Arguments: handler class, number of invocations.
 */
public final class LocalLambdaRuntime {

    private LocalLambdaRuntime() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        int invocations = Integer.parseInt(args[1]);
        String function = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local");

        @SuppressWarnings("unchecked")
        RequestHandler<Map<String, String>, String> handler = (RequestHandler<Map<String, String>, String>) Class
                .forName(handlerClass).getDeclaredConstructor().newInstance();
        System.out.println("READY " + function);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        for (int i = 1; i <= invocations; i++) {
            String orderId = String.format(Locale.ROOT, "ord-%05d", 20_000 + i);
            String requestId = UUID.randomUUID().toString(); // as Lambda's request ids are
            handler.handleRequest(Map.of("order_id", orderId, "amount", Integer.toString(10 * i)),
                    new SimulatedContext(requestId, function));
            Work.simulate(120); // the next request arrives a little later
        }

        // No flush here: the handlers flushed at the end of each invocation, and that must be enough.
        long published = 0;
        long delivered = 0;
        long fallback = 0;
        long dropped = 0;
        for (Shipper<?> shipper : Logbeam.shippers()) {
            ShipperStats s = shipper.stats();
            published += s.getPublished();
            delivered += s.getDelivered();
            fallback += s.getFallback();
            dropped += s.getDropped();
        }
        System.out.println("RESULT function=" + function + " published=" + published + " delivered=" + delivered
                + " fallback=" + fallback + " dropped=" + dropped);
        System.out.flush();
        // Halt rather than exit: in Lambda the process is frozen and discarded, never shut down cleanly;
        // what was not flushed would be lost, and this sample must show that nothing is.
        Runtime.getRuntime().halt(published == delivered && fallback == 0 && dropped == 0 ? 0 : 1);
    }

    /** The parts of the Lambda context a handler and Logbeam read. */
    static final class SimulatedContext implements Context {
        private final String requestId;
        private final String function;
        private final long deadline = System.currentTimeMillis() + 30_000;

        SimulatedContext(String requestId, String function) {
            this.requestId = requestId;
            this.function = function;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + function;
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return function;
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
