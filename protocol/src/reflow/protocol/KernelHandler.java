package reflow.protocol;

import reflow.protocol.messages.*;

/**
 * The language side of a Jupyter kernel. The protocol layer decodes requests into the typed records of
 * {@code reflow.protocol.messages}, calls these methods and sends what they return; an implementation
 * never touches sockets, frames or signatures.
 *
 * <p>Threading: shell requests ({@link #execute}, {@link #complete}, ...) are called one at a time, in
 * arrival order, on the protocol's shell worker thread, between the {@code busy} and {@code idle} status
 * messages. {@link #kernelInfo}, {@link #interrupt} and {@link #shutdown} are called from the control
 * thread, possibly while a shell request is running, so they must not block on it.
 */
public interface KernelHandler {

    /** kernel_info_reply content. Must be fast: clients poll it while the kernel warms up. */
    KernelInfoReply kernelInfo();

    /**
     * Runs one execute_request. Outputs (execute_input, streams, display data, results, errors) are
     * published through {@code context}, parented to the request. When the reply has status error and
     * {@code request.stopOnError()} is set, the protocol aborts the execute requests queued behind it.
     */
    ExecuteReply execute(ExecuteRequest request, ExecutionContext context);

    CompleteReply complete(CompleteRequest request);

    InspectReply inspect(InspectRequest request);

    IsCompleteReply isComplete(IsCompleteRequest request);

    HistoryReply history(HistoryRequest request);

    /** Called on the control thread; must return promptly and make the running execute stop soon. */
    void interrupt();

    /** Called on the control thread before the reply is sent and the process exits. */
    void shutdown(boolean restart);

    /** No comms are offered by default; the protocol closes comm_open for unknown targets. */
    default CommInfoReply commInfo(CommInfoRequest request) {
        return CommInfoReply.empty();
    }

    /**
     * A frontend opens a comm. Returns whether a target accepted it; the protocol answers a refused one
     * with comm_close (as ipykernel does for unknown targets). Like every shell request it is called on the
     * shell worker between busy and idle; {@code context} publishes parented to the comm_open.
     */
    default boolean commOpen(CommRequest request, ExecutionContext context) {
        return false;
    }

    /** A comm_msg on an open comm; messages for comms the kernel does not know are to be ignored. */
    default void commMsg(CommRequest request, ExecutionContext context) {
    }

    /** The frontend closed a comm. */
    default void commClose(CommRequest request, ExecutionContext context) {
    }
}
