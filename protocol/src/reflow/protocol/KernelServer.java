package reflow.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import reflow.protocol.wire.MalformedMessageException;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.MessageSigner;
import reflow.protocol.wire.ReplayGuard;
import reflow.protocol.wire.ReplayedMessageException;
import reflow.protocol.wire.Session;
import reflow.protocol.wire.WireCodec;

/**
 * A Jupyter kernel's wire side (messaging protocol 5.3) over JeroMQ, calling a {@link KernelHandler}.
 *
 * <pre>{@code
 * ConnectionInfo info = ConnectionInfo.read(Path.of(args[0]));
 * new KernelServer(info, handler).run();   // blocks until shutdown_request (or stop())
 * }</pre>
 *
 * <p>Threads: the caller of {@link #run()} becomes the protocol thread, the only one touching the shell,
 * control, stdin and iopub sockets; it blocks in one poller over them and the outbox. Shell requests are
 * served in order by one worker thread; control requests on the protocol thread; heartbeat on its own.
 */
public final class KernelServer {
    private static final long TERMINATE_TIMEOUT_MILLIS = 3_000;
    private static final int FLUSH_ON_CLOSE_MILLIS = 1000;
    /** Messages queued per iopub subscriber before sending waits (ZeroMQ's default high-water mark). */
    private static final int IOPUB_HWM = 1000;
    /** How often a blocked iopub is tried again; XPUB offers no "writable again" event to wait for. */
    private static final long IOPUB_RETRY_MILLIS = 2;
    /** How long a shutdown waits for messages queued before it (a client that stopped reading must not hold it). */
    private static final long SHUTDOWN_FLUSH_NANOS = 2_000_000_000L;
    private static final long SHUTDOWN_POLL_MILLIS = 50;

    /** Poller indices of the request sockets and the iopub subscription input. */
    private record Polled(int shell, int control, int stdin, int iopub) {
        static Polled register(ZMQ.Poller poller, ZMQ.Socket shell, ZMQ.Socket control, ZMQ.Socket stdin,
                               ZMQ.Socket iopub) {
            return new Polled(poller.register(shell, ZMQ.Poller.POLLIN), poller.register(control, ZMQ.Poller.POLLIN),
                    poller.register(stdin, ZMQ.Poller.POLLIN), poller.register(iopub, ZMQ.Poller.POLLIN));
        }
    }

    private final ConnectionInfo info;
    private final KernelHandler handler;
    private final Session session = new Session("kernel");
    private final WireCodec codec;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Outbox outbox;

    public KernelServer(ConnectionInfo info, KernelHandler handler) {
        if (info.transport().equals("ipc")) {
            // JeroMQ's ipc:// is an emulation over TCP loopback, invisible to libzmq clients using unix sockets.
            throw new IllegalArgumentException("connection file asks for transport \"ipc\", which this kernel "
                    + "cannot serve (JeroMQ has no unix-socket ipc); start the kernel with transport \"tcp\"");
        }
        this.info = info;
        this.handler = handler;
        this.codec = new WireCodec(new MessageSigner(info.key()), new ReplayGuard(ReplayGuard.DEFAULT_CAPACITY));
    }

    /** The session id written into every outgoing header. */
    public String session() {
        return session.id();
    }

    /** Asks a running server to stop after the messages already sent; run() then returns. */
    public void stop() {
        Outbox current = outbox;
        if (current != null) {
            current.requestStop();
        }
    }

    /** Binds the sockets and serves until shutdown_request or {@link #stop()}. Call once. */
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("KernelServer.run() may be called only once");
        }
        ParentWatch.start();
        ZMQ.Context context = ZMQ.context(1);
        List<ZMQ.Socket> owned = new ArrayList<>();
        Thread workerThread = null;
        ShellWorker worker = null;
        try {
            ZMQ.Socket shell = bindRouter(context, owned, Channel.SHELL);
            ZMQ.Socket control = bindRouter(context, owned, Channel.CONTROL);
            ZMQ.Socket stdin = bindRouter(context, owned, Channel.STDIN);
            ZMQ.Socket iopub = bind(context, owned, SocketType.XPUB, Channel.IOPUB);
            iopub.setXpubNoDrop(true); // a full subscriber makes us wait (IopubPublisher) instead of dropping
            iopub.setSndHWM(IOPUB_HWM);
            ZMQ.Socket heartbeat = bind(context, owned, SocketType.REP, Channel.HEARTBEAT);
            ZMQ.Socket outboxPull = context.socket(SocketType.PULL);
            owned.add(outboxPull);
            outboxPull.setRcvHWM(Outbox.INPROC_HWM); // bounded, so that the pump waits when we hold back
            String outboxAddress = "inproc://reflow-outbox-" + session.id();
            outboxPull.bind(outboxAddress); // bound before the pump connects

            owned.remove(heartbeat); // from here on the heartbeat thread owns and closes it
            start(new Heartbeat(heartbeat), "reflow-heartbeat");
            outbox = new Outbox(context, outboxAddress, codec, Thread.currentThread());
            IopubPublisher publisher = new IopubPublisher(iopub);
            DirectSink direct = new DirectSink(codec, shell, control, stdin, publisher);
            Emitter fromWorkers = new Emitter(session, outbox);
            Emitter fromProtocolThread = new Emitter(session, direct);
            StdinRequests stdinRequests = new StdinRequests(fromWorkers);
            worker = new ShellWorker(handler, fromWorkers, stdinRequests, this::stop);
            workerThread = start(worker, "reflow-shell");
            ControlRequests controlRequests = new ControlRequests(handler, fromProtocolThread);

            KernelLog.info("kernel listening on " + info.endpoint(Channel.SHELL) + " (session " + session.id()
                    + ", signing " + (info.key().isEmpty() ? "off" : "on") + ")");
            fromProtocolThread.status(null, "starting");

            // Two pollers over the same sockets: while iopub is blocked the outbox is left alone (so that
            // the producers wait), but requests, above all interrupt and shutdown, are still served.
            try (ZMQ.Poller all = context.poller(5); ZMQ.Poller requestsOnly = context.poller(4)) {
                Polled withOutbox = Polled.register(all, shell, control, stdin, iopub);
                int outboxIn = all.register(outboxPull, ZMQ.Poller.POLLIN);
                Polled withoutOutbox = Polled.register(requestsOnly, shell, control, stdin, iopub);
                boolean running = true;
                long stopDeadline = 0; // after shutdown_request: until then, what was queued before it still goes out
                while (running) {
                    if (stopDeadline != 0 && System.nanoTime() - stopDeadline > 0) {
                        KernelLog.warn("shutdown: output queued before the shutdown could not be sent in time");
                        break;
                    }
                    boolean blocked = publisher.blocked();
                    ZMQ.Poller poller = blocked ? requestsOnly : all;
                    if (poller.poll(blocked ? IOPUB_RETRY_MILLIS : stopDeadline != 0 ? SHUTDOWN_POLL_MILLIS : -1) < 0) {
                        break; // context terminated under us
                    }
                    Polled polled = blocked ? withoutOutbox : withOutbox;
                    if (poller.pollin(polled.shell())) {
                        long received = ProtocolTrace.ENABLED ? System.nanoTime() : 0;
                        Message request = receive(shell, Channel.SHELL);
                        if (request != null) {
                            ProtocolTrace trace = ProtocolTrace.start(request.msgType(), received);
                            ProtocolTrace.mark(trace, ProtocolTrace.Stage.DECODED);
                            worker.enqueue(request, r -> fromProtocolThread.status(r.header(), "busy"), trace);
                        }
                    }
                    if (poller.pollin(polled.stdin())) {
                        Message reply = receive(stdin, Channel.STDIN);
                        if (reply != null) {
                            stdinRequests.onMessage(reply);
                        }
                    }
                    if (poller.pollin(polled.control())) {
                        Message request = receive(control, Channel.CONTROL);
                        if (request != null && controlRequests.serve(request) && stopDeadline == 0) {
                            // The stop marker goes behind what the kernel queued so far (a shutdown's
                            // comm_close messages), so those leave before the loop ends.
                            stop();
                            stopDeadline = System.nanoTime() + SHUTDOWN_FLUSH_NANOS;
                        }
                    }
                    if (poller.pollin(polled.iopub())) {
                        publisher.drainSubscriptions();
                    }
                    if (blocked) {
                        publisher.retry();
                    } else if (poller.pollin(outboxIn) && !forward(outboxPull, direct, worker)) {
                        running = false;
                    }
                }
            }
        } finally {
            if (worker != null) {
                worker.stop(workerThread);
            }
            if (outbox != null) {
                outbox.close();
            }
            for (ZMQ.Socket socket : owned) {
                socket.setLinger(FLUSH_ON_CLOSE_MILLIS); // let the shutdown reply and final idle leave
                socket.close();
            }
            terminate(context);
            KernelLog.info("kernel stopped");
        }
    }

    /**
     * Ends the ZeroMQ context (which also ends the heartbeat thread with ETERM and waits for the outbox
     * pump), but never waits for it longer than a few seconds: a client waiting for the process to exit
     * after shutdown_reply must not wait forever for a socket that did not close.
     */
    private static void terminate(ZMQ.Context context) {
        Thread terminating = new Thread(context::term, "reflow-zmq-term");
        terminating.setDaemon(true);
        terminating.start();
        try {
            terminating.join(TERMINATE_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminating.isAlive()) {
            KernelLog.warn("ZeroMQ did not shut down within " + TERMINATE_TIMEOUT_MILLIS + " ms; exiting anyway");
        }
    }

    /** Reads one multipart message; a malformed one is logged as one line and dropped (returns null). */
    private Message receive(ZMQ.Socket socket, Channel channel) {
        List<byte[]> frames = readFrames(socket);
        try {
            return codec.decode(frames);
        } catch (MalformedMessageException e) {
            String kind = e instanceof ReplayedMessageException ? "replayed" : "malformed";
            KernelLog.warn(channel.wireName() + ": dropped " + kind + " message: " + e.getMessage());
            return null;
        }
    }

    /** Moves one outbox entry to its socket; returns false for the stop marker. */
    private static boolean forward(ZMQ.Socket outboxPull, DirectSink direct, ShellWorker worker) {
        List<byte[]> frames = readFrames(outboxPull);
        if (Arrays.equals(frames.get(0), Outbox.STOP)) {
            return false;
        }
        String target = new String(frames.get(0), StandardCharsets.US_ASCII);
        if (target.equals(Outbox.REQUEST_END)) {
            direct.sendFrames(Channel.IOPUB, frames.subList(1, frames.size()));
            worker.requestEnded(); // handed to iopub in order: the next request's busy may go out directly
            return true;
        }
        direct.sendFrames(channelNamed(target), frames.subList(1, frames.size()));
        return true;
    }

    private static Channel channelNamed(String wireName) {
        for (Channel channel : Channel.values()) {
            if (channel.wireName().equals(wireName)) {
                return channel;
            }
        }
        throw new IllegalStateException("outbox entry for unknown channel " + wireName);
    }

    private static List<byte[]> readFrames(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            frames.add(socket.recv(0));
        } while (socket.hasReceiveMore());
        return frames;
    }

    private Thread start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * A ROUTER that lets a client reconnecting with the identity it used before (jupyter_client uses its
     * session id) take over from its old connection. Without that, ZeroMQ keeps the old one and ignores
     * everything the new one sends, silently and for good: the kernel looks dead to that client
     * (ipykernel sets the same option, ipykernel#270).
     */
    private ZMQ.Socket bindRouter(ZMQ.Context context, List<ZMQ.Socket> owned, Channel channel) {
        ZMQ.Socket socket = context.socket(SocketType.ROUTER);
        owned.add(socket);
        socket.setRouterHandover(true);
        bindOrExplain(socket, channel);
        return socket;
    }

    private ZMQ.Socket bind(ZMQ.Context context, List<ZMQ.Socket> owned, SocketType type, Channel channel) {
        ZMQ.Socket socket = context.socket(type);
        owned.add(socket);
        bindOrExplain(socket, channel);
        return socket;
    }

    private void bindOrExplain(ZMQ.Socket socket, Channel channel) {
        String endpoint = info.endpoint(channel);
        try {
            socket.bind(endpoint);
        } catch (ZMQException e) {
            throw new IllegalStateException("cannot bind the " + channel.wireName() + " socket to " + endpoint
                    + ": " + e.getMessage() + " (is another kernel using this connection file?)", e);
        }
    }
}
