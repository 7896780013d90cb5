package reflow.protocol;

import reflow.protocol.wire.Message;

/** Where outgoing messages go: straight to a socket on the protocol thread, or through the outbox. */
interface MessageSink {
    void send(Channel channel, Message message);
}
