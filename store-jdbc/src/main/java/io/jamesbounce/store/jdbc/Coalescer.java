package io.jamesbounce.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs the calls that threads make at the same time as one database round trip: group commit, without
 * a thread of its own and without a delay. A caller queues its request and takes the lock; whoever
 * holds it runs every request queued so far in one batch and hands each caller its answer. A lone
 * caller therefore runs its own request at once, as before; under load, the callers that arrive while
 * a batch runs share the next one.
 *
 * <p>Why: James relays a mail on one spool thread, and each relayed mail asks the database twice (the
 * suppression lookup of a new recipient, the sent-message INSERT). On a busy server most of that cost
 * is per statement (the driver's work, the database's per-statement and per-commit work), not per row.
 *
 * <p>Nothing is weaker than one call each: a caller returns only after the batch holding its request
 * has run (an INSERT committed), and a batch that fails throws in every caller whose request it held,
 * as each call alone would have.
 *
 * @param <T> a request
 * @param <R> its answer
 */
final class Coalescer<T, R> {
    private final Function<List<T>, List<R>> batch;
    private final int maximumBatch;
    private final ConcurrentLinkedQueue<Call<T, R>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock running = new ReentrantLock();

    /**
     * @param batch        answers a list of requests, one answer per request, in order
     * @param maximumBatch how many requests one batch takes at most
     */
    Coalescer(Function<List<T>, List<R>> batch, int maximumBatch) {
        this.batch = Objects.requireNonNull(batch, "batch");
        if (maximumBatch < 1) {
            throw new IllegalArgumentException("maximumBatch must be positive: " + maximumBatch);
        }
        this.maximumBatch = maximumBatch;
    }

    R call(T request) {
        Call<T, R> call = new Call<>(request);
        queued.add(call);
        // the lock is held while a batch runs: waiting for it is waiting for that batch, which may hold ours
        while (!call.done) {
            running.lock();
            try {
                if (!call.done) {
                    runQueued();
                }
            } finally {
                running.unlock();
            }
        }
        if (call.failure != null) {
            throw call.failure;
        }
        return call.answer;
    }

    private void runQueued() {
        List<Call<T, R>> calls = new ArrayList<>();
        Call<T, R> next;
        while (calls.size() < maximumBatch && (next = queued.poll()) != null) {
            calls.add(next);
        }
        List<T> requests = new ArrayList<>(calls.size());
        for (Call<T, R> call : calls) {
            requests.add(call.request);
        }
        try {
            List<R> answers = batch.apply(requests);
            if (answers.size() != calls.size()) {
                throw new IllegalStateException(answers.size() + " answers to " + calls.size() + " requests");
            }
            for (int i = 0; i < calls.size(); i++) {
                calls.get(i).answer = answers.get(i);
            }
        } catch (RuntimeException e) {
            calls.forEach(call -> call.failure = e);
        } catch (Error e) {
            calls.forEach(call -> call.failure = new IllegalStateException(e));
            throw e;
        } finally {
            calls.forEach(call -> call.done = true);
        }
    }

    /** A request and, once its batch ran, its answer or the batch's failure. */
    private static final class Call<T, R> {
        private final T request;
        private R answer;
        private RuntimeException failure;
        /** Written by the thread that ran the batch before it released the lock; read again under it. */
        private volatile boolean done;

        private Call(T request) {
            this.request = request;
        }
    }
}
