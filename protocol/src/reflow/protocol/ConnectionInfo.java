package reflow.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connection file Jupyter writes for a kernel (ports, transport, signing key). Read with
 * {@link #read(Path)}; serialised with {@link Json#MAPPER} it is again a valid connection file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String key, String signatureScheme,
                             String kernelName) {

    public static final String HMAC_SHA256 = "hmac-sha256";

    public ConnectionInfo {
        transport = transport == null ? "tcp" : transport;
        ip = ip == null ? "127.0.0.1" : ip;
        key = key == null ? "" : key;
        signatureScheme = signatureScheme == null ? HMAC_SHA256 : signatureScheme;
        kernelName = kernelName == null ? "" : kernelName;
        if (!transport.equals("tcp") && !transport.equals("ipc")) {
            throw new IllegalArgumentException("connection file: transport \"" + transport
                    + "\" is not supported; expected \"tcp\" or \"ipc\"");
        }
        if (!signatureScheme.equals(HMAC_SHA256)) {
            throw new IllegalArgumentException("connection file: signature_scheme \"" + signatureScheme
                    + "\" is not supported; only \"" + HMAC_SHA256 + "\" is (jupyter_client's default)");
        }
    }

    /**
     * Reads and validates a connection file; errors name the file and what is wrong with it. Unknown fields
     * (jupyter_session, ...) are ignored.
     */
    public static ConnectionInfo read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("connection file " + file + " does not exist");
        }
        try {
            return ConnectionFileReader.read(file); // not Json.MAPPER: see ProtocolWarmUp
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read connection file " + file + ": " + e.getMessage(), e);
        }
    }

    public int port(Channel channel) {
        return switch (channel) {
            case SHELL -> shellPort;
            case IOPUB -> iopubPort;
            case STDIN -> stdinPort;
            case CONTROL -> controlPort;
            case HEARTBEAT -> hbPort;
        };
    }

    /** tcp: {@code tcp://ip:port}; ipc: jupyter_client's {@code ipc://ip-port} (ip is then a path prefix). */
    public String endpoint(Channel channel) {
        return transport.equals("ipc")
                ? "ipc://" + ip + "-" + port(channel)
                : "tcp://" + ip + ":" + port(channel);
    }

    public ConnectionInfo withKey(String newKey) {
        return new ConnectionInfo(transport, ip, shellPort, iopubPort, stdinPort, controlPort, hbPort, newKey,
                signatureScheme, kernelName);
    }
}
