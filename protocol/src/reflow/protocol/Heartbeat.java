package reflow.protocol;

import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/** Echoes every heartbeat ping on its own thread; ends when the ZMQ context terminates. */
final class Heartbeat implements Runnable {
    private final ZMQ.Socket socket;

    /** The socket is created and bound by the caller, so bind errors surface before the thread starts. */
    Heartbeat(ZMQ.Socket socket) {
        this.socket = socket;
    }

    @Override
    public void run() {
        try {
            while (true) {
                byte[] ping = socket.recv(0);
                if (ping == null) {
                    return; // context terminated
                }
                socket.send(ping, socket.hasReceiveMore() ? ZMQ.SNDMORE : 0);
            }
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZError.ETERM) {
                KernelLog.warn("heartbeat stopped: " + e);
            }
        } finally {
            socket.close();
        }
    }
}
