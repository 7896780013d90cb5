package reflow.protocol;

import reflow.protocol.wire.Message;

/** Where outgoing messages go: straight to a socket on the protocol thread, or through the outbox. */
interface MessageSink {
    void send(Channel channel, Message message);

    /**
     * The shell worker's idle for a request, the last message the request sends: the protocol thread
     * learns from it that the next request's busy may go out directly (see {@link ShellWorker}).
     */
    default void sendRequestEnd(Message idle) {
        send(Channel.IOPUB, idle);
    }
}
