import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Used by deploy/image-test: opens many TCP connections to one port at once, sends nothing on them,
 * holds them for a while and closes them. Each connection gets 5 s to be accepted; one that is not
 * counts as refused.
 *
 * <p>Usage: {@code java ConnectionFlood.java <port> <connections> <hold-seconds>} (to 127.0.0.1).
 */
public class ConnectionFlood {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int holdSeconds = Integer.parseInt(args[2]);
        Queue<Socket> open = new ConcurrentLinkedQueue<>();
        var refused = new AtomicInteger();
        long started = System.nanoTime();
        try (var connecting = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                connecting.submit(() -> {
                    var socket = new Socket();
                    try {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                        open.add(socket);
                    } catch (IOException e) {
                        refused.incrementAndGet();
                        socket.close();
                    }
                    return null;
                });
            }
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
        for (Socket socket : open) {
            socket.close();
        }
        System.out.printf("%d connections opened in %d ms (%d not accepted within 5 s), held %d s, closed%n",
                open.size(), tookMillis, refused.get(), holdSeconds);
    }
}
