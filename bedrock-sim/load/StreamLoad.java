import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens N concurrent InvokeModelWithResponseStream requests of T tokens each against a running simulator and waits
 * for all of them. Runs with the JDK's single-file launcher on the simulator jar's classpath:
 * <pre>java -cp bedrock-sim/target/bedrock-sim.jar bedrock-sim/load/StreamLoad.java 9100 10000 200</pre>
 */
public class StreamLoad {
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: StreamLoad <port> <streams> <tokens per stream>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int streams = Integer.parseInt(args[1]);
        int tokens = Integer.parseInt(args[2]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(streams));
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":" + (tokens + 1) + ","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:tokens=" + tokens + "]]\"}]}";
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        CountDownLatch done = new CountDownLatch(streams);
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            client.request(HttpMethod.POST, "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/invoke-with-response-stream")
                    .compose(request -> request.putHeader("Authorization", "Bearer sim-bedrock-api-key")
                            .putHeader("Content-Type", "application/json").send(body))
                    .compose(response -> {
                        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        response.handler(chunk -> bytes.addAndGet(chunk.length()));
                        return response.end().map(v -> {
                            open.decrementAndGet();
                            return response.statusCode();
                        });
                    })
                    .onComplete(result -> {
                        if (result.succeeded() && result.result() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        boolean finished = done.await(30, TimeUnit.MINUTES);
        System.out.printf("streams=%d ok=%d failed=%d maxConcurrentOpen=%d bytes=%d elapsed=%.1fs%s%n", streams, ok.get(),
                failed.get(), maxOpen.get(), bytes.get(), (System.nanoTime() - start) / 1e9, finished ? "" : " (timed out)");
        vertx.close();
    }
}
