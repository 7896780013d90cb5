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
        ZMQ.Context context = ZMQ.context(1);
        List<ZMQ.Socket> owned = new ArrayList<>();
        Thread workerThread = null;
        ShellWorker worker = null;
        try {
            ZMQ.Socket shell = bind(context, owned, SocketType.ROUTER, Channel.SHELL);
            ZMQ.Socket control = bind(context, owned, SocketType.ROUTER, Channel.CONTROL);
            ZMQ.Socket stdin = bind(context, owned, SocketType.ROUTER, Channel.STDIN);
            ZMQ.Socket iopub = bind(context, owned, SocketType.PUB, Channel.IOPUB);
            ZMQ.Socket heartbeat = bind(context, owned, SocketType.REP, Channel.HEARTBEAT);
            ZMQ.Socket outboxPull = context.socket(SocketType.PULL);
            owned.add(outboxPull);
            outboxPull.setRcvHWM(0);
            String outboxAddress = "inproc://reflow-outbox-" + session.id();
            outboxPull.bind(outboxAddress); // bound before the pump connects

            owned.remove(heartbeat); // from here on the heartbeat thread owns and closes it
            start(new Heartbeat(heartbeat), "reflow-heartbeat");
            outbox = new Outbox(context, outboxAddress, codec);
            DirectSink direct = new DirectSink(codec, shell, control, stdin, iopub);
            Emitter fromWorkers = new Emitter(session, outbox);
            Emitter fromProtocolThread = new Emitter(session, direct);
            StdinRequests stdinRequests = new StdinRequests(fromWorkers);
            worker = new ShellWorker(handler, fromWorkers, stdinRequests, this::stop);
            workerThread = start(worker, "reflow-shell");
            ControlRequests controlRequests = new ControlRequests(handler, fromProtocolThread);

            KernelLog.info("kernel listening on " + info.endpoint(Channel.SHELL) + " (session " + session.id()
                    + ", signing " + (info.key().isEmpty() ? "off" : "on") + ")");
            fromProtocolThread.status(null, "starting");

            try (ZMQ.Poller poller = context.poller(4)) {
                int shellIn = poller.register(shell, ZMQ.Poller.POLLIN);
                int controlIn = poller.register(control, ZMQ.Poller.POLLIN);
                int stdinIn = poller.register(stdin, ZMQ.Poller.POLLIN);
                int outboxIn = poller.register(outboxPull, ZMQ.Poller.POLLIN);
                boolean running = true;
                while (running) {
                    if (poller.poll() < 0) {
                        break; // context terminated under us
                    }
                    if (poller.pollin(shellIn)) {
                        Message request = receive(shell, Channel.SHELL);
                        if (request != null) {
                            worker.enqueue(request);
                        }
                    }
                    if (poller.pollin(stdinIn)) {
                        Message reply = receive(stdin, Channel.STDIN);
                        if (reply != null) {
                            stdinRequests.onMessage(reply);
                        }
                    }
                    if (poller.pollin(controlIn)) {
                        Message request = receive(control, Channel.CONTROL);
                        if (request != null && controlRequests.serve(request)) {
                            running = false;
                        }
                    }
                    if (poller.pollin(outboxIn) && !forward(outboxPull, direct)) {
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
    private static boolean forward(ZMQ.Socket outboxPull, DirectSink direct) {
        List<byte[]> frames = readFrames(outboxPull);
        if (Arrays.equals(frames.get(0), Outbox.STOP)) {
            return false;
        }
        String target = new String(frames.get(0), StandardCharsets.US_ASCII);
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
