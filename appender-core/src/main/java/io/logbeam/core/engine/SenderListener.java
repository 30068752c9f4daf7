package io.logbeam.core.engine;

/** What the replayer learns from the sender; called on sender threads, must not block. */
interface SenderListener {
    /** A request delivered events: the destination accepts again. */
    void delivered();

    /** Events could not be delivered for now (retries given up, destination unusable). */
    void failing();

    /** An in-flight permit was released. */
    void permitFreed();
}
