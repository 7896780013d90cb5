package reflow.protocol;

import java.util.Map;
import reflow.protocol.wire.Message;

/**
 * Control channel requests, served on the protocol thread itself so that interrupt and shutdown work while
 * the shell worker is busy running a cell.
 */
final class ControlRequests {
    private final KernelHandler handler;
    private final Emitter emitter;

    ControlRequests(KernelHandler handler, Emitter emitter) {
        this.handler = handler;
        this.emitter = emitter;
    }

    /** Serves one request; returns true when it was a shutdown_request and the server must stop. */
    boolean serve(Message request) {
        String type = request.msgType();
        boolean shutdown = false;
        emitter.status(request.header(), "busy");
        try {
            switch (type) {
                case "kernel_info_request" -> reply(request, handler.kernelInfo());
                case "interrupt_request" -> {
                    handler.interrupt();
                    reply(request, Map.of("status", "ok"));
                }
                case "shutdown_request" -> {
                    boolean restart = request.field("restart").asBoolean(false);
                    shutdown = true; // even if the handler throws, the client asked us to go away
                    handler.shutdown(restart);
                    reply(request, Map.of("status", "ok", "restart", restart));
                }
                default -> KernelLog.warn("control: ignored unsupported msg_type " + type);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            KernelLog.warn("control: " + type + " failed: " + e);
            reply(request, ErrorContent.of(e));
        } finally {
            emitter.status(request.header(), "idle");
        }
        return shutdown;
    }

    private void reply(Message request, Object content) {
        emitter.reply(Channel.CONTROL, request, ShellWorker.replyType(request.msgType()), content);
    }
}
