package io.logbeam.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 built on plain sockets.
 *
 * <p>Plain sockets instead of {@code com.sun.net.httpserver} because fault injection needs what that API hides:
 * aborting a connection with a TCP reset, and closing the listening socket then binding the same port again.
 */
final class RawHttpServer implements AutoCloseable {

    /** Decides what happens to one request; may block (a hang fault) until interrupted. */
    interface ExchangeHandler {
        ExchangeOutcome handle(HttpRequest request) throws InterruptedException;
    }

    private static final int BACKLOG = 128;
    private static final long THREAD_STOP_TIMEOUT_MILLIS = 5_000;

    private final ExchangeHandler handler;
    private final String threadNamePrefix;
    private final ExecutorService connectionThreads;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> pooledThreads = ConcurrentHashMap.newKeySet();
    private final Object lifecycleLock = new Object();

    private int port;
    private ServerSocket listener;
    private Thread acceptThread;
    private boolean closed;

    RawHttpServer(int port, ExchangeHandler handler, String threadNamePrefix) {
        this.port = port;
        this.handler = handler;
        this.threadNamePrefix = threadNamePrefix;
        AtomicInteger threadNumber = new AtomicInteger();
        this.connectionThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable,
                    threadNamePrefix + "-" + port() + "-conn-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            pooledThreads.removeIf(existing -> !existing.isAlive());
            pooledThreads.add(thread);
            return thread;
        });
    }

    /** Binds (the first time to the requested port, later always to the same port) and starts accepting. */
    void start() {
        synchronized (lifecycleLock) {
            if (closed) {
                throw new IllegalStateException("server is closed");
            }
            if (listener != null) {
                return;
            }
            listener = bind();
            port = listener.getLocalPort();
            ServerSocket boundListener = listener;
            acceptThread = new Thread(() -> acceptLoop(boundListener), threadNamePrefix + "-" + port + "-accept");
            acceptThread.setDaemon(true);
            acceptThread.start();
        }
    }

    /** Closes the listening socket and every open connection; recorded state elsewhere is untouched. */
    void stop() {
        Thread stoppedAcceptThread;
        synchronized (lifecycleLock) {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            stoppedAcceptThread = acceptThread;
            acceptThread = null;
        }
        for (Connection connection : List.copyOf(connections)) {
            connection.abort();
        }
        joinQuietly(stoppedAcceptThread);
    }

    boolean isRunning() {
        synchronized (lifecycleLock) {
            return listener != null;
        }
    }

    int port() {
        synchronized (lifecycleLock) {
            return port;
        }
    }

    /** Stops and waits until every thread this server started has ended. */
    @Override
    public void close() {
        synchronized (lifecycleLock) {
            closed = true;
        }
        stop();
        connectionThreads.shutdownNow();
        try {
            if (!connectionThreads.awaitTermination(THREAD_STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("connection threads did not stop within "
                        + THREAD_STOP_TIMEOUT_MILLIS + " ms");
            }
            // A terminated pool may still have threads finishing their exit; wait so that none outlives close().
            for (Thread thread : pooledThreads) {
                thread.join(THREAD_STOP_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServerSocket bind() {
        // After a stop the port may still be held for a moment by sockets being torn down; retry briefly.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            ServerSocket socket = null;
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(Loopback.ADDRESS, port), BACKLOG);
                return socket;
            } catch (BindException e) {
                closeQuietly(socket);
                if (port == 0 || System.nanoTime() > deadline) {
                    throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            } catch (IOException e) {
                closeQuietly(socket);
                throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
            }
        }
    }

    private void acceptLoop(ServerSocket serverSocket) {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            Connection connection = new Connection(socket);
            connections.add(connection);
            try {
                connectionThreads.execute(connection);
            } catch (RejectedExecutionException e) {
                connections.remove(connection);
                closeQuietly(socket);
            }
            synchronized (lifecycleLock) {
                if (listener != serverSocket) {
                    // stop() ran between accept() and add(): it could not see this connection.
                    connection.abort();
                }
            }
        }
    }

    /** One client connection served by one pooled thread, request after request (keep-alive). */
    private final class Connection implements Runnable {
        private final Socket socket;
        private volatile Thread thread;
        private volatile boolean aborted;

        Connection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                if (aborted) {
                    return;
                }
                serve();
            } catch (IOException | InterruptedException e) {
                // peer went away, stop() closed the socket, or the handler was interrupted: nothing to answer
            } finally {
                closeQuietly(socket);
                connections.remove(this);
                thread = null;
                Thread.interrupted(); // do not leak the interrupt flag into the next pooled task
            }
        }

        private void serve() throws IOException, InterruptedException {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (!aborted) {
                HttpRequest request;
                try {
                    request = HttpWire.readRequest(in, out);
                } catch (HttpWire.MalformedRequestException e) {
                    byte[] body = e.getMessage().getBytes(StandardCharsets.UTF_8);
                    HttpWire.writeResponse(out, HttpResponse.of(e.status(), "text/plain", body), false);
                    return;
                }
                if (request == null) {
                    return;
                }
                ExchangeOutcome outcome = handler.handle(request);
                if (outcome instanceof ExchangeOutcome.ResetConnection) {
                    resetConnection();
                    return;
                }
                boolean keepAlive = !"close".equalsIgnoreCase(request.header("connection"));
                HttpWire.writeResponse(out, ((ExchangeOutcome.Respond) outcome).response(), keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        }

        /** SO_LINGER 0 makes close() send RST instead of FIN: the client sees "connection reset". */
        private void resetConnection() {
            try {
                socket.setSoLinger(true, 0);
            } catch (SocketException e) {
                // already closed: nothing left to reset
            }
            closeQuietly(socket);
        }

        void abort() {
            aborted = true;
            resetConnection();
            Thread current = thread;
            if (current != null) {
                current.interrupt(); // wakes a handler blocked in a hang or latency fault
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(THREAD_STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
