import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The bench's Workspace API stand-in: answers every execute POST at once with a fresh task id, like
 * the real API's 200. Loopback only, on a free port written to the file named by the first argument.
 */
public final class Stub {

    public static void main(String[] args) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", Stub::answer);
        server.start();
        Files.writeString(Path.of(args[0]), Integer.toString(server.getAddress().getPort()));
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            boolean execute = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().endsWith("/script-executions");
            byte[] body = execute
                    ? ("{\"task_id\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.US_ASCII)
                    : "{\"error_code\":\"STUB.404\",\"error_msg\":\"not stubbed\"}".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Request-Id", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(execute ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
