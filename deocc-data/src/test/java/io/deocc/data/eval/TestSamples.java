package io.deocc.data.eval;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.Stage;
import io.deocc.content.composite.Compositing;
import io.deocc.data.Sample;
import io.deocc.data.SampleResult;
import io.deocc.data.SampleSource;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Synthetic samples, an in-memory source, and small components whose outputs are known by construction. */
final class TestSamples {
    static final int WIDTH = 64;
    static final int HEIGHT = 96;

    private TestSamples() {}

    static Sample sample(Scene scene) {
        return new Sample("scene-" + scene.seed(), scene.image(), scene.visible(), scene.amodal(), Optional.empty(),
                Optional.of(scene.visibleParsing()), Optional.of(scene.amodalParsing()), Optional.of(scene.original()),
                Optional.of(scene.occluder()));
    }

    static List<Sample> samples(long seed, int count) {
        List<Sample> samples = new ArrayList<>();
        for (Scene scene : SyntheticScenes.occludedPeople(seed, count, WIDTH, HEIGHT)) {
            samples.add(sample(scene));
        }
        return samples;
    }

    /** A source over results held in memory; counts how often it was closed. */
    static final class ListSource implements SampleSource {
        private final List<SampleResult> items;

        ListSource(List<SampleResult> items) {
            this.items = List.copyOf(items);
        }

        static ListSource of(List<Sample> samples) {
            return new ListSource(samples.stream().<SampleResult>map(SampleResult.Loaded::new).toList());
        }

        @Override
        public String description() {
            return "memory";
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.of(items.size());
        }

        @Override
        public Stream<SampleResult> stream() {
            return items.stream();
        }

        @Override
        public void close() {}
    }

    private static ComponentDescriptor descriptor(String name, Stage stage, boolean threadSafe) {
        return new ComponentDescriptor(name, stage, "test", "java", 0, threadSafe, Set.of(), "test component");
    }

    /** A completer whose answer per image is given: an oracle when given the ground truth. */
    static MaskCompleter completer(String name, Function<RgbImage, BinaryMask> amodalOf, boolean threadSafe) {
        ComponentDescriptor descriptor = descriptor(name, Stage.MASK_COMPLETION, threadSafe);
        return new MaskCompleter() {
            @Override
            public MaskCompletion complete(RgbImage image, PersonInstance person) {
                BinaryMask amodal = amodalOf.apply(image).or(person.visibleMask());
                return new MaskCompletion(person.visibleMask(), amodal);
            }

            @Override
            public ComponentDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public void close() {}
        };
    }

    static MaskCompleter oracle(List<Sample> samples) {
        Map<RgbImage, BinaryMask> truth = samples.stream().collect(Collectors.toMap(Sample::image, Sample::amodal));
        return completer("oracle", truth::get, true);
    }

    /** Predicts "amodal = visible": its IoU is each person's visible ratio. */
    static MaskCompleter visibleOnly() {
        return completer("visible-as-amodal", image -> BinaryMask.empty(image.width(), image.height()), true);
    }

    /** Predicts the visible mask's bounding box; not thread-safe by its descriptor. */
    static MaskCompleter boxCompleter() {
        ComponentDescriptor descriptor = descriptor("box", Stage.MASK_COMPLETION, false);
        return new MaskCompleter() {
            @Override
            public MaskCompletion complete(RgbImage image, PersonInstance person) {
                Box box = person.visibleMask().boundingBox().orElseThrow();
                return new MaskCompletion(person.visibleMask(), BinaryMask.ofBox(image.width(), image.height(), box));
            }

            @Override
            public ComponentDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public void close() {}
        };
    }

    /** A completer that fails with {@code INVALID_ARGUMENT} on one image and delegates otherwise. */
    static MaskCompleter failingOn(RgbImage bad, MaskCompleter delegate) {
        return new MaskCompleter() {
            @Override
            public MaskCompletion complete(RgbImage image, PersonInstance person) {
                if (image.equals(bad)) {
                    throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "this person cannot be completed: test failure");
                }
                return delegate.complete(image, person);
            }

            @Override
            public ComponentDescriptor descriptor() {
                return delegate.descriptor();
            }

            @Override
            public void close() {}
        };
    }

    /** A recoverer that paints each hidden pixel with {@code colourOf(image)}'s pixel there. */
    static ContentRecoverer recoverer(String name, Function<RgbImage, RgbImage> paint, List<MaskCompletion> seen) {
        ComponentDescriptor descriptor = descriptor(name, Stage.CONTENT_RECOVERY, true);
        return new ContentRecoverer() {
            @Override
            public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
                if (seen != null) {
                    synchronized (seen) {
                        seen.add(masks);
                    }
                }
                return Compositing.compose(image, masks, paint.apply(image));
            }

            @Override
            public ComponentDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public void close() {}
        };
    }

    /** Paints the original image back: a perfect recoverer. */
    static ContentRecoverer perfectRecoverer(List<Sample> samples, List<MaskCompletion> seen) {
        Map<RgbImage, RgbImage> originals = samples.stream().collect(Collectors.toMap(Sample::image, s -> s.original().orElseThrow()));
        return recoverer("perfect", originals::get, seen);
    }

    /** Paints mid grey. */
    static ContentRecoverer greyRecoverer() {
        return recoverer("grey", image -> RgbImage.filled(image.width(), image.height(), 0x808080), null);
    }
}
