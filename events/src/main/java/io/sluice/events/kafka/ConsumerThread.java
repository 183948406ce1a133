package io.sluice.events.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A Kafka consumer polled on its own daemon thread until {@link #close()}; subclasses say what one
 * run of the loop does. Kafka consumers are not thread-safe, so only that thread touches it.
 */
abstract class ConsumerThread implements AutoCloseable {
    protected final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    ConsumerThread(Properties props, String threadName) {
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Runs on the consumer's thread until {@link #running()} turns false. */
    protected abstract void loop();

    protected boolean running() {
        return running;
    }

    /** How long {@link #close()} waits for the loop to end (and, in a group, for the revocation it runs). */
    protected Duration closeTimeout() {
        return Duration.ofSeconds(5);
    }

    protected void startThread() {
        thread.start();
    }

    private void run() {
        try {
            loop();
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
