package io.deocc.runtime.batch;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.model.PersonResult;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.api.spi.Stage;
import io.deocc.runtime.DeoccPipeline;
import io.deocc.runtime.PipelineConfig;
import io.deocc.runtime.PluginRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;

/**
 * Test components and inputs for batch tests. Image {@code n} is black with a rectangle whose colour
 * and place depend on n, and pixel (0,0) holds n itself, so a component can tell which item it is
 * working on ({@link #marker}). The segmenter takes every non-black pixel as one person; the completer
 * grows the visible mask one row down; the recoverer paints hidden pixels white.
 */
final class BatchFakes {
    static final int WIDTH = 16;
    static final int HEIGHT = 12;

    private BatchFakes() {}

    /** The item number written into pixel (0,0) of a test image. */
    static int marker(RgbImage image) {
        return image.rgb(0, 0);
    }

    static RgbImage image(int n) {
        int[] rgb = new int[WIDTH * HEIGHT];
        int x0 = 2 + n % 7;
        int y0 = 1 + n % 4;
        int colour = 0x204060 + n * 0x030507;
        for (int y = y0; y < y0 + 5; y++) {
            for (int x = x0; x < x0 + 6; x++) {
                rgb[y * WIDTH + x] = colour;
            }
        }
        rgb[0] = n;
        return RgbImage.of(WIDTH, HEIGHT, rgb);
    }

    /** Writes images 1..count as {@code dir/img-<n>.png} and returns them as items {@code item-<n>}. */
    static List<BatchItem> items(Path dir, int count) {
        List<BatchItem> items = itemsIn(dir, count);
        for (int n = 1; n <= count; n++) {
            ImageFiles.writePng(image(n), items.get(n - 1).image());
        }
        return items;
    }

    /** The items {@link #items} writes, without writing them. */
    static List<BatchItem> itemsIn(Path dir, int count) {
        List<BatchItem> items = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            items.add(BatchItem.of("item-" + n, dir.resolve("img-" + n + ".png")));
        }
        return items;
    }

    /**
     * A pipeline over the fakes.
     *
     * @param beforeSegment called with the image's marker before segmenting (may throw or sleep)
     * @param beforeComplete called with the image's marker on every completer call (may throw or sleep)
     */
    static DeoccPipeline pipeline(IntConsumer beforeSegment, IntConsumer beforeComplete, Duration itemTimeout) {
        DeoccPlugin plugin = new DeoccPlugin() {
            @Override
            public String name() {
                return "batch-fakes";
            }

            @Override
            public List<SegmenterFactory> segmenters() {
                return List.of(new SegmenterFactory() {
                    @Override
                    public String name() {
                        return "bright";
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return BatchFakes.descriptor(name(), Stage.SEGMENTATION);
                    }

                    @Override
                    public Segmenter create(ComponentConfig config, PluginContext context) {
                        return new FakeSegmenter(beforeSegment);
                    }
                });
            }

            @Override
            public List<MaskCompleterFactory> maskCompleters() {
                return List.of(new MaskCompleterFactory() {
                    @Override
                    public String name() {
                        return "grow";
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return BatchFakes.descriptor(name(), Stage.MASK_COMPLETION);
                    }

                    @Override
                    public MaskCompleter create(ComponentConfig config, PluginContext context) {
                        return new FakeCompleter(beforeComplete);
                    }
                });
            }

            @Override
            public List<ContentRecovererFactory> contentRecoverers() {
                return List.of(new ContentRecovererFactory() {
                    @Override
                    public String name() {
                        return "white";
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return BatchFakes.descriptor(name(), Stage.CONTENT_RECOVERY);
                    }

                    @Override
                    public ContentRecoverer create(ComponentConfig config, PluginContext context) {
                        return new FakeRecoverer();
                    }
                });
            }
        };
        PipelineConfig config = PipelineConfig.builder().limits(ResourceLimits.defaults().withItemTimeout(itemTimeout)).build();
        return DeoccPipeline.create(PluginRegistry.of(List.of(plugin)), config, List.of());
    }

    static DeoccPipeline pipeline() {
        return pipeline(n -> { }, n -> { }, Duration.ofMinutes(1));
    }

    /** Sleeps, turning an interrupt (the runner giving up on the item) into an exception. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
    }

    /** Writes per person {@code person-<id>/amodal.png} and {@code person-<id>/composite.png}, and {@code people.txt}. */
    static final ItemWriter WRITER = (files, item, image, result) -> {
        for (PersonResult person : result.people()) {
            String folder = "person-" + person.person().id() + "/";
            png(files, folder + "amodal.png", out -> write(person.masks().amodal().toBufferedImage(), out));
            png(files, folder + "composite.png", out -> write(person.content().composite().toBufferedImage(), out));
        }
        try (OutputStream out = files.create("people.txt")) {
            out.write((result.people().size() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    };

    private interface PngBody {
        void accept(OutputStream out) throws IOException;
    }

    private static void png(ItemFiles files, String path, PngBody body) throws IOException {
        try (OutputStream out = files.create(path)) {
            body.accept(out);
        }
    }

    private static void write(java.awt.image.BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
    }

    static ComponentDescriptor descriptor(String name, Stage stage) {
        return new ComponentDescriptor(name, stage, "fake", "java", 0, true, Set.of(), "batch test component");
    }

    private record FakeSegmenter(IntConsumer before) implements Segmenter {
        @Override
        public List<PersonInstance> segment(SegmentationRequest request) {
            RgbImage image = request.image();
            before.accept(marker(image));
            int[] rgb = image.toArray();
            BinaryMask mask = BinaryMask.fromIndex(image.width(), image.height(), i -> rgb[i] != 0);
            return mask.isEmpty() ? List.of() : List.of(PersonInstance.of(1, mask));
        }

        @Override
        public ComponentDescriptor descriptor() {
            return BatchFakes.descriptor("bright", Stage.SEGMENTATION);
        }

        @Override
        public void close() {}
    }

    private record FakeCompleter(IntConsumer before) implements MaskCompleter {
        @Override
        public MaskCompletion complete(RgbImage image, PersonInstance person) {
            before.accept(marker(image));
            BinaryMask v = person.visibleMask();
            int w = v.width();
            BinaryMask amodal = BinaryMask.fromIndex(w, v.height(), i -> v.get(i) || (i >= w && v.get(i - w)));
            return new MaskCompletion(v, amodal);
        }

        @Override
        public ComponentDescriptor descriptor() {
            return BatchFakes.descriptor("grow", Stage.MASK_COMPLETION);
        }

        @Override
        public void close() {}
    }

    private record FakeRecoverer() implements ContentRecoverer {
        @Override
        public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
            return io.deocc.runtime.FakePlugins.paintHiddenWhite(image, masks);
        }

        @Override
        public ComponentDescriptor descriptor() {
            return BatchFakes.descriptor("white", Stage.CONTENT_RECOVERY);
        }

        @Override
        public void close() {}
    }
}
