package io.deocc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerializedComponentsTest {
    /** Counts how many calls are inside it at once; sleeps briefly so that overlaps would happen. */
    private static final class NotThreadSafe implements MaskCompleter {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxInside = new AtomicInteger();
        private final boolean threadSafe;

        NotThreadSafe(boolean threadSafe) {
            this.threadSafe = threadSafe;
        }

        @Override
        public MaskCompletion complete(RgbImage image, PersonInstance person) {
            int now = inside.incrementAndGet();
            maxInside.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            if (person.id() == 99) {
                throw new DeoccException(ErrorCode.EMPTY_MASK, "rejected");
            }
            return new MaskCompletion(person.visibleMask(), person.visibleMask());
        }

        @Override
        public ComponentDescriptor descriptor() {
            return new ComponentDescriptor("unsafe", Stage.MASK_COMPLETION, "fake", "java", 0, threadSafe, Set.of(), "test");
        }

        @Override
        public void close() {}
    }

    @Test
    void componentsThatAreNotThreadSafeAreCalledOneAtATime() throws Exception {
        NotThreadSafe unsafe = new NotThreadSafe(false);
        MaskCompleter guarded = SerializedComponents.guard(MaskCompleter.class, unsafe);
        RgbImage image = RgbImage.filled(8, 8, 0);
        PersonInstance person = PersonInstance.of(1, BinaryMask.ofBox(8, 8, new Box(1, 1, 3, 3)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MaskCompletion>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> guarded.complete(image, person)));
            }
            for (Future<MaskCompletion> future : futures) {
                assertEquals(person.visibleMask(), future.get(30, TimeUnit.SECONDS).amodal());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, unsafe.maxInside.get(), "calls overlapped inside a component that is not thread-safe");
        assertEquals("unsafe", guarded.descriptor().name());
    }

    @Test
    void errorsPassThroughUnwrapped() {
        MaskCompleter guarded = SerializedComponents.guard(MaskCompleter.class, new NotThreadSafe(false));
        PersonInstance rejected = PersonInstance.of(99, BinaryMask.ofBox(8, 8, new Box(1, 1, 3, 3)));
        DeoccException e = assertThrows(DeoccException.class, () -> guarded.complete(RgbImage.filled(8, 8, 0), rejected));
        assertEquals(ErrorCode.EMPTY_MASK, e.errorCode());
    }

    @Test
    void threadSafeComponentsAreNotWrapped() {
        NotThreadSafe safe = new NotThreadSafe(true);
        assertSame(safe, SerializedComponents.guard(MaskCompleter.class, safe));
    }
}
