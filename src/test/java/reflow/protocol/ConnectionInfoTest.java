package reflow.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoTest {
    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("kernel.json"), json);
    }

    @Test
    void readsWhatJupyterClientWrites() throws Exception {
        ConnectionInfo info = ConnectionInfo.read(file("""
                {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004,
                 "hb_port": 5005, "ip": "127.0.0.1", "key": "abc", "transport": "tcp",
                 "signature_scheme": "hmac-sha256", "kernel_name": "reflow", "jupyter_session": "x.ipynb"}"""));
        assertEquals("tcp://127.0.0.1:5001", info.endpoint(Channel.SHELL));
        assertEquals("tcp://127.0.0.1:5005", info.endpoint(Channel.HEARTBEAT));
        assertEquals("abc", info.key());
        assertEquals("reflow", info.kernelName());
    }

    @Test
    void ipcEndpointsFollowJupyterClientButTheServerRefusesThem() throws Exception {
        ConnectionInfo info = ConnectionInfo.read(file("""
                {"transport": "ipc", "ip": "/tmp/kernel-1", "shell_port": 1, "iopub_port": 2, "stdin_port": 3,
                 "control_port": 4, "hb_port": 5, "key": "", "signature_scheme": "hmac-sha256"}"""));
        assertEquals("ipc:///tmp/kernel-1-2", info.endpoint(Channel.IOPUB));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KernelServer(info, null));
        assertTrue(e.getMessage().contains("transport \"tcp\""), e.getMessage());
    }

    @Test
    void otherSignatureSchemesAreAClearError() throws Exception {
        Path file = file("""
                {"transport": "tcp", "ip": "127.0.0.1", "shell_port": 1, "iopub_port": 2, "stdin_port": 3,
                 "control_port": 4, "hb_port": 5, "key": "k", "signature_scheme": "hmac-md5"}""");
        IOException e = assertThrows(IOException.class, () -> ConnectionInfo.read(file));
        assertTrue(e.getMessage().contains("signature_scheme \"hmac-md5\" is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    }

    @Test
    void nestedUnknownFieldsAreSkippedAndMissingOnesDefault() throws Exception {
        ConnectionInfo info = ConnectionInfo.read(file("""
                {"extra": {"nested": [1, {"shell_port": 9}]}, "shell_port": 5001, "iopub_port": "5002",
                 "stdin_port": 5003, "control_port": 5004, "hb_port": 5005, "key": "abc", "list": [true, null]}"""));
        assertEquals("tcp://127.0.0.1:5001", info.endpoint(Channel.SHELL), "transport and ip default, nested shell_port ignored");
        assertEquals(5002, info.iopubPort(), "a port written as a string is still read");
        assertEquals(ConnectionInfo.HMAC_SHA256, info.signatureScheme());
        assertEquals("", info.kernelName());
    }

    @Test
    void notJsonAndBadPortsAreClearErrors() throws Exception {
        Path broken = file("{\"shell_port\": 5001,");
        IOException e = assertThrows(IOException.class, () -> ConnectionInfo.read(broken));
        assertTrue(e.getMessage().startsWith("cannot read connection file " + broken), e.getMessage());
        Path badPort = file("{\"shell_port\": \"five\"}");
        e = assertThrows(IOException.class, () -> ConnectionInfo.read(badPort));
        assertTrue(e.getMessage().contains("shell_port is \"five\", not a port number"), e.getMessage());
        Path array = file("[1, 2]");
        e = assertThrows(IOException.class, () -> ConnectionInfo.read(array));
        assertTrue(e.getMessage().contains("a connection file is a JSON object"), e.getMessage());
    }

    @Test
    void missingFileNamesThePath() {
        IOException e = assertThrows(IOException.class, () -> ConnectionInfo.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("nope.json"));
    }
}
