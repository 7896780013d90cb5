package reflow.kernel.maven;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves a repository folder over HTTP on 127.0.0.1 with Basic authentication (the JDK's HttpServer). */
public final class AuthRepositoryServer implements AutoCloseable {
    private final HttpServer server;

    public AuthRepositoryServer(Path root, String user, String password) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpContext context = server.createContext("/maven2/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring("/maven2/".length())).normalize();
            boolean found = file.startsWith(root) && Files.isRegularFile(file);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (!found) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
            exchange.close();
        });
        context.setAuthenticator(new BasicAuthenticator("reflow-test") {
            @Override
            public boolean checkCredentials(String u, String p) {
                return u.equals(user) && p.equals(password);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
