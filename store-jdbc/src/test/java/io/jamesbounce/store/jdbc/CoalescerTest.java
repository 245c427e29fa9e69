package io.jamesbounce.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private List<String> answer(List<Integer> requests) {
        batches.add(List.copyOf(requests));
        return requests.stream().map(i -> "answer " + i).toList();
    }

    @Test
    void aLoneCallShouldRunAtOnceByItself() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(this::answer, 10);

        assertThat(coalescer.call(1)).isEqualTo("answer 1");
        assertThat(coalescer.call(2)).isEqualTo("answer 2");
        assertThat(batches).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void callsMadeWhileABatchRunsShouldShareTheNextAndEachGetItsOwnAnswer() throws Exception {
        CountDownLatch othersStarted = new CountDownLatch(7);
        AtomicBoolean first = new AtomicBoolean(true);
        Coalescer<Integer, String> coalescer = new Coalescer<>(requests -> {
            if (first.getAndSet(false)) {
                // the first batch runs until the seven other callers are on their way, and a little more
                await(othersStarted);
            }
            return answer(requests);
        }, 4);

        List<Future<String>> answers = new ArrayList<>();
        answers.add(threads.submit(() -> coalescer.call(0)));
        Thread.sleep(50);
        for (int i = 1; i < 8; i++) {
            int request = i;
            answers.add(threads.submit(() -> {
                othersStarted.countDown();
                return coalescer.call(request);
            }));
        }
        for (int i = 0; i < 8; i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("answer " + i);
        }
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4));
        // 7 calls queued behind the first batch: two batches of at most 4 take them all
        assertThat(batches).hasSize(3);
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void aFailedBatchShouldThrowInEachOfItsCallersAndTheNextShouldRun() {
        AtomicBoolean fail = new AtomicBoolean(true);
        Coalescer<Integer, String> coalescer = new Coalescer<>(requests -> {
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("database unreachable");
            }
            return answer(requests);
        }, 10);

        assertThatThrownBy(() -> coalescer.call(1)).isInstanceOf(IllegalStateException.class).hasMessage("database unreachable");
        assertThat(coalescer.call(2)).isEqualTo("answer 2");
    }

    @Test
    void aBatchAnsweringTheWrongNumberOfRequestsShouldBeAnError() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(requests -> List.of(), 10);

        assertThatThrownBy(() -> coalescer.call(1)).isInstanceOf(IllegalStateException.class).hasMessage("0 answers to 1 requests");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
