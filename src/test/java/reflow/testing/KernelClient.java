package reflow.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import reflow.protocol.Channel;
import reflow.protocol.ConnectionInfo;
import reflow.protocol.wire.MalformedMessageException;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.MessageSigner;
import reflow.protocol.wire.Session;
import reflow.protocol.wire.WireCodec;

/**
 * A Jupyter client for tests, shaped like jupyter_client's: DEALER sockets for shell, control and stdin
 * sharing one identity (so the kernel's input_request finds us), SUB on iopub subscribed to everything, REQ
 * for the heartbeat. Messages are signed with the connection's key; what the kernel sends is verified, and a
 * badly signed or malformed message fails the test. Not thread-safe: use it from the test thread.
 *
 * <p>Messages that arrive while waiting for something else are kept, so replies and iopub messages can be
 * claimed in any order.
 */
public final class KernelClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** A finished execute: the execute_reply and the iopub messages parented to it, busy to idle. */
    public record Execution(Message reply, List<Message> iopub, Map<String, Long> arrivalNanos) {
        public Execution(Message reply, List<Message> iopub) {
            this(reply, iopub, Map.of());
        }

        /**
         * {@link System#nanoTime()} when "busy", "reply" and "idle" were read off their sockets, for those
         * that arrived while {@link #collect} was waiting (not those read earlier).
         */
        public Long arrived(String what) {
            return arrivalNanos.get(what);
        }

        public List<Message> ofType(String msgType) {
            return iopub.stream().filter(m -> m.msgType().equals(msgType)).toList();
        }

        /** Text of all stream messages with this name (stdout / stderr), concatenated. */
        public String stream(String name) {
            StringBuilder text = new StringBuilder();
            for (Message m : ofType("stream")) {
                if (m.field("name").asText().equals(name)) {
                    text.append(m.field("text").asText());
                }
            }
            return text.toString();
        }

        public String status() {
            return reply.field("status").asText();
        }

        public List<String> iopubTypes() {
            return iopub.stream().map(Message::msgType).toList();
        }
    }

    private final ZMQ.Context context = ZMQ.context(1);
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    private final Map<Channel, List<Message>> unclaimed = new EnumMap<>(Channel.class);
    private final Session session = new Session("test");
    private final WireCodec codec;
    private final byte[] identity;
    private Message lastInputRequest;

    private KernelClient(ConnectionInfo info, byte[] identity) {
        this.identity = identity.clone();
        codec = new WireCodec(new MessageSigner(info.key()));
        for (Channel channel : List.of(Channel.SHELL, Channel.CONTROL, Channel.STDIN)) {
            ZMQ.Socket dealer = context.socket(SocketType.DEALER);
            dealer.setIdentity(identity);
            open(channel, dealer, info);
        }
        ZMQ.Socket sub = context.socket(SocketType.SUB);
        sub.subscribe(new byte[0]);
        open(Channel.IOPUB, sub, info);
        openHeartbeat(info);
        for (Channel channel : Channel.values()) {
            unclaimed.put(channel, new ArrayList<>());
        }
    }

    /** Connects without waiting; call {@link #awaitReady(Duration)} before relying on iopub. */
    public static KernelClient connect(ConnectionInfo info) {
        return new KernelClient(info, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Connects with a given socket identity (shell, control, stdin), as a frontend that reconnects with its
     * session id does (jupyter_client uses the session as identity).
     */
    public static KernelClient connect(ConnectionInfo info, byte[] identity) {
        return new KernelClient(info, identity);
    }

    public byte[] identity() {
        return identity.clone();
    }

    private void open(Channel channel, ZMQ.Socket socket, ConnectionInfo info) {
        socket.setLinger(0);
        socket.connect(info.endpoint(channel));
        sockets.put(channel, socket);
    }

    private void openHeartbeat(ConnectionInfo info) {
        ZMQ.Socket req = context.socket(SocketType.REQ);
        req.setReqRelaxed(true); // a lost ping must not wedge the socket for the next one
        req.setReqCorrelate(true);
        open(Channel.HEARTBEAT, req, info);
    }

    /**
     * Waits until the kernel answers kernel_info on shell AND one of its iopub messages reaches us: a SUB
     * socket drops whatever is published before its subscription settles, so this is what jupyter_client does.
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String msgId = send(Channel.SHELL, "kernel_info_request", Map.of());
            if (nextMatching(Channel.SHELL, m -> m.parentMsgId().equals(msgId), Duration.ofSeconds(2)) == null) {
                continue;
            }
            if (nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals(msgId), Duration.ofSeconds(1)) != null) {
                unclaimed.get(Channel.IOPUB).clear(); // start tests with a clean iopub view
                return;
            }
        }
        throw new AssertionError("kernel not ready after " + timeout.toMillis() + " ms (no kernel_info_reply"
                + " on shell plus status on iopub)");
    }

    // ---- sending

    /** A header like the client would send: fresh msg_id, our session, version 5.3. Edit it to test variants. */
    public ObjectNode header(String msgType) {
        return session.header(msgType);
    }

    public String send(Channel channel, String msgType, Object content) {
        return send(channel, msgType, content, Map.of());
    }

    /** Sends a signed request; returns its msg_id. */
    public String send(Channel channel, String msgType, Object content, Object metadata) {
        return send(channel, header(msgType), content, metadata);
    }

    /** Sends with a given header (e.g. version "5.2", subshell_id null); returns its msg_id. */
    public String send(Channel channel, ObjectNode header, Object content, Object metadata) {
        sendRaw(channel, encode(header, content, metadata));
        return header.path("msg_id").asText();
    }

    /** The signed frames {@link #send} would send, for tests that send them more than once. */
    public List<byte[]> encode(ObjectNode header, Object content, Object metadata) {
        return codec.encode(new Message(List.of(), header, Session.toObject(null), Session.toObject(metadata),
                Session.toObject(content), List.of()));
    }

    /** Sends frames exactly as given (no signing, no delimiter added): for malformed-input tests. */
    public void sendRaw(Channel channel, List<byte[]> frames) {
        ZMQ.Socket socket = sockets.get(channel);
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** Next multipart message on the channel as raw frames, or null on timeout; bypasses the buffers. */
    public List<byte[]> receiveRaw(Channel channel, Duration timeout) {
        ZMQ.Socket socket = sockets.get(channel);
        socket.setReceiveTimeOut((int) Math.max(1, timeout.toMillis()));
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    // ---- receiving

    /** The reply parented to {@code msgId} on the channel; fails the test on timeout. */
    public Message awaitReply(Channel channel, String msgId, Duration timeout) {
        Message reply = nextMatching(channel, m -> m.parentMsgId().equals(msgId), timeout);
        if (reply == null) {
            throw new AssertionError("no reply to " + msgId + " on " + channel.wireName() + " within "
                    + timeout.toMillis() + " ms");
        }
        return reply;
    }

    public Message awaitReply(Channel channel, String msgId) {
        return awaitReply(channel, msgId, DEFAULT_TIMEOUT);
    }

    /** The next message on the channel matching {@code filter}, or null on timeout; others stay buffered. */
    public Message nextMatching(Channel channel, Predicate<Message> filter, Duration timeout) {
        Message buffered = claimBuffered(channel, filter);
        if (buffered != null) {
            return buffered;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                return null;
            }
            List<byte[]> frames = receiveRaw(channel, Duration.ofMillis(left));
            if (frames == null) {
                return null;
            }
            Message m = decode(channel, frames);
            if (filter.test(m)) {
                return m;
            }
            unclaimed.get(channel).add(m);
        }
    }

    /** Removes and returns the messages already received on the channel that match, in arrival order. */
    public List<Message> takeReceived(Channel channel, Predicate<Message> filter) {
        List<Message> taken = new ArrayList<>();
        Iterator<Message> buffered = unclaimed.get(channel).iterator();
        while (buffered.hasNext()) {
            Message m = buffered.next();
            if (filter.test(m)) {
                buffered.remove();
                taken.add(m);
            }
        }
        return taken;
    }

    /** Iopub messages parented to {@code msgId}, in arrival order, up to and including status idle. */
    public List<Message> iopubUntilIdle(String msgId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Message> collected = new ArrayList<>();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Message m = nextMatching(Channel.IOPUB, x -> x.parentMsgId().equals(msgId), left);
            if (m == null) {
                throw new AssertionError("no status idle for " + msgId + " within " + timeout.toMillis()
                        + " ms; got " + collected);
            }
            collected.add(m);
            if (m.msgType().equals("status") && m.field("execution_state").asText().equals("idle")) {
                return collected;
            }
        }
    }

    public List<Message> iopubUntilIdle(String msgId) {
        return iopubUntilIdle(msgId, DEFAULT_TIMEOUT);
    }

    /** Sends execute_request (silent false, store_history true, allow_stdin true, stop_on_error true). */
    public String execute(String code) {
        return send(Channel.SHELL, "execute_request", executeContent(code));
    }

    /** execute_request content as jupyter_client sends it. */
    public static Map<String, Object> executeContent(String code) {
        return Map.of("code", code, "silent", false, "store_history", true, "user_expressions", Map.of(),
                "allow_stdin", true, "stop_on_error", true);
    }

    public Execution executeAndCollect(String code) {
        return collect(execute(code), DEFAULT_TIMEOUT);
    }

    /** Waits for the execute_reply and the iopub messages of an execute_request sent earlier. */
    public Execution collect(String executeMsgId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Message reply = claimBuffered(Channel.SHELL, m -> m.parentMsgId().equals(executeMsgId));
        List<Message> iopub = new ArrayList<>();
        Map<String, Long> arrivals = new java.util.HashMap<>();
        boolean idle = false;
        for (Message m; !idle && (m = claimBuffered(Channel.IOPUB, x -> x.parentMsgId().equals(executeMsgId))) != null; ) {
            iopub.add(m);
            idle = isIdle(m);
        }
        // Both sockets are read as messages come, as nbclient and jupyter_server do: a kernel that never
        // drops iopub messages waits for us to read them before it sends the reply behind them.
        try (ZMQ.Poller poller = context.poller(2)) {
            poller.register(sockets.get(Channel.SHELL), ZMQ.Poller.POLLIN);
            poller.register(sockets.get(Channel.IOPUB), ZMQ.Poller.POLLIN);
            while (reply == null || !idle) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0 || poller.poll(left) <= 0) {
                    throw new AssertionError("execute " + executeMsgId + " unfinished after " + timeout.toMillis()
                            + " ms: reply " + reply + ", iopub " + iopub);
                }
                if (poller.pollin(0)) {
                    Message m = decode(Channel.SHELL, receiveRaw(Channel.SHELL, Duration.ofMillis(1)));
                    if (reply == null && m.parentMsgId().equals(executeMsgId)) {
                        arrivals.put("reply", System.nanoTime());
                        reply = m;
                    } else {
                        unclaimed.get(Channel.SHELL).add(m);
                    }
                }
                if (poller.pollin(1)) {
                    Message m = decode(Channel.IOPUB, receiveRaw(Channel.IOPUB, Duration.ofMillis(1)));
                    if (!idle && m.parentMsgId().equals(executeMsgId)) {
                        if (m.msgType().equals("status")) {
                            arrivals.putIfAbsent(m.field("execution_state").asText(), System.nanoTime());
                        }
                        iopub.add(m);
                        idle = isIdle(m);
                    } else {
                        unclaimed.get(Channel.IOPUB).add(m);
                    }
                }
            }
        }
        return new Execution(reply, iopub, arrivals);
    }

    /**
     * Waits for a reply parented to each of {@code msgIds} on {@code channel}, reading iopub meanwhile and
     * discarding it (a kernel that never drops iopub waits until it is read). Returns the replies by parent
     * msg_id; fails the test if some are missing at the timeout.
     */
    public Map<String, Message> awaitReplies(Channel channel, java.util.Collection<String> msgIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Message> replies = new java.util.HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>(msgIds);
        unclaimed.get(channel).removeIf(m -> wanted.contains(m.parentMsgId()) && replies.put(m.parentMsgId(), m) == null);
        unclaimed.get(Channel.IOPUB).clear();
        try (ZMQ.Poller poller = context.poller(2)) {
            poller.register(sockets.get(channel), ZMQ.Poller.POLLIN);
            poller.register(sockets.get(Channel.IOPUB), ZMQ.Poller.POLLIN);
            while (!replies.keySet().containsAll(wanted)) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0 || poller.poll(left) <= 0) {
                    java.util.Set<String> missing = new java.util.HashSet<>(wanted);
                    missing.removeAll(replies.keySet());
                    throw new AssertionError(missing.size() + " replies missing on " + channel.wireName()
                            + " after " + timeout.toMillis() + " ms, e.g. " + missing.iterator().next());
                }
                if (poller.pollin(0)) {
                    Message m = decode(channel, receiveRaw(channel, Duration.ofMillis(1)));
                    if (wanted.contains(m.parentMsgId())) {
                        replies.put(m.parentMsgId(), m);
                    } else {
                        unclaimed.get(channel).add(m);
                    }
                }
                if (poller.pollin(1)) {
                    receiveRaw(Channel.IOPUB, Duration.ofMillis(1));
                }
            }
        }
        return replies;
    }

    private static boolean isIdle(Message m) {
        return m.msgType().equals("status") && m.field("execution_state").asText().equals("idle");
    }

    private Message claimBuffered(Channel channel, Predicate<Message> filter) {
        Iterator<Message> buffered = unclaimed.get(channel).iterator();
        while (buffered.hasNext()) {
            Message m = buffered.next();
            if (filter.test(m)) {
                buffered.remove();
                return m;
            }
        }
        return null;
    }

    // ---- stdin

    /** The kernel's next input_request on stdin; fails the test on timeout. */
    public Message awaitInputRequest(Duration timeout) {
        Message request = nextMatching(Channel.STDIN, m -> m.msgType().equals("input_request"), timeout);
        if (request == null) {
            throw new AssertionError("no input_request within " + timeout.toMillis() + " ms");
        }
        lastInputRequest = request;
        return request;
    }

    /** Answers the last input_request received (parented to it, as JupyterLab does). */
    public String sendInputReply(String value) {
        if (lastInputRequest == null) {
            throw new IllegalStateException("no input_request received yet; call awaitInputRequest first");
        }
        Message reply = new Message(List.of(), header("input_reply"), lastInputRequest.header(),
                Session.toObject(null), Session.toObject(Map.of("value", value)), List.of());
        sendRaw(Channel.STDIN, codec.encode(reply));
        return reply.msgId();
    }

    // ---- heartbeat

    /** Sends a ping on the heartbeat and returns the echo, or null if none arrives in time. */
    public byte[] heartbeat(byte[] ping, Duration timeout) {
        sendRaw(Channel.HEARTBEAT, List.of(ping));
        List<byte[]> echo = receiveRaw(Channel.HEARTBEAT, timeout);
        return echo == null ? null : echo.get(0);
    }

    private Message decode(Channel channel, List<byte[]> frames) {
        try {
            return codec.decode(frames);
        } catch (MalformedMessageException e) {
            throw new AssertionError("kernel sent a malformed message on " + channel.wireName() + ": "
                    + e.getMessage());
        }
    }

    public String session() {
        return session.id();
    }

    @Override
    public void close() {
        sockets.values().forEach(ZMQ.Socket::close);
        context.term();
    }
}
