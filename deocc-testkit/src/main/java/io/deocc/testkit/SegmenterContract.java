package io.deocc.testkit;

import static io.deocc.testkit.DeoccAssertions.assertDeoccError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentFactory;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.api.spi.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link SegmenterFactory} and its {@link Segmenter}s. A plugin's test extends
 * this class and supplies the factory and a request the segmenter can answer:
 *
 * <pre>{@code
 * class MySegmenterContractTest extends SegmenterContract {
 *     protected SegmenterFactory factory() { return new MySegmenterFactory(); }
 *     protected SegmentationRequest validRequest() { return SegmentationRequest.of(someImage); }
 * }
 * }</pre>
 */
public abstract class SegmenterContract extends ComponentContract<Segmenter> {
    /** Creates the contract; subclasses supply the factory and a request. */
    protected SegmenterContract() {}

    @Override
    protected abstract SegmenterFactory factory();

    /** A request the segmenter answers without error (it may find nobody). Small images keep the contract fast. */
    protected abstract SegmentationRequest validRequest();

    @Override
    final Stage expectedStage() {
        return Stage.SEGMENTATION;
    }

    @Override
    final List<? extends ComponentFactory<?>> factoriesOf(DeoccPlugin plugin) {
        return plugin.segmenters();
    }

    @Override
    final int inputCount() {
        return 1;
    }

    @Override
    final Object call(Segmenter component, int input) {
        return component.segment(validRequest());
    }

    @Test
    public void nullRequestIsRejected() {
        assertDeoccError(() -> sharedComponent().segment(null), "segment(null)");
    }

    @Test
    public void peopleHaveTheImageSizeAndIdsOneToN() {
        SegmentationRequest request = validRequest();
        RgbImage image = request.image();
        List<PersonInstance> people = sharedComponent().segment(request);
        assertNotNull(people, "segment() returned null; return an empty list when nobody is found");
        for (int i = 0; i < people.size(); i++) {
            PersonInstance person = people.get(i);
            assertNotNull(person, "person " + i + " is null");
            assertEquals(i + 1, person.id(), "people must be numbered 1..N in the order found");
            assertEquals(image.width(), person.width(), "person " + person.id() + " mask width");
            assertEquals(image.height(), person.height(), "person " + person.id() + " mask height");
        }
    }
}
