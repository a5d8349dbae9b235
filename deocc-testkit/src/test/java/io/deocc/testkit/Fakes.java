package io.deocc.testkit;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.image.RgbaImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.Component;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tiny components for the testkit's own tests: correct ones that must pass the contracts, and ones
 * with a chosen {@link Flaw} that a contract check must catch.
 */
final class Fakes {
    /** A deliberate defect. */
    enum Flaw {
        /** Dereferences arguments without checking them, so null gives a bare NullPointerException. */
        NO_NULL_CHECKS,
        /** Keeps working after close(). */
        IGNORES_CLOSE,
        /** Throws an IllegalStateException on the second close(). */
        CLOSE_NOT_IDEMPOTENT,
        /** Accepts any setting. */
        ACCEPTS_UNKNOWN_SETTINGS,
        /** Skips the size check between image and masks. */
        NO_SIZE_CHECK,
        /** Gives a different answer on every call. */
        NOT_DETERMINISTIC,
        /** Its descriptor names another stage. */
        WRONG_STAGE,
        /** Its descriptor says it must not be shared between threads. */
        NOT_THREAD_SAFE,
        /** Recoverer: brightens the visible pixels of the composite. */
        CHANGES_VISIBLE_PIXELS,
        /** Recoverer: the person layer is opaque everywhere. */
        OPAQUE_EVERYWHERE,
        /** Segmenter: numbers people from 2. */
        IDS_FROM_TWO
    }

    static final String KNOWN_SETTING = "fill-colour";

    private Fakes() {}

    /** The plugin the correct fakes are listed in. */
    static DeoccPlugin plugin() {
        return new DeoccPlugin() {
            @Override
            public String name() {
                return "testkit-fakes";
            }

            @Override
            public List<SegmenterFactory> segmenters() {
                return List.of(new BrightPixelSegmenterFactory(EnumSet.noneOf(Flaw.class)));
            }

            @Override
            public List<MaskCompleterFactory> maskCompleters() {
                return List.of(new IdentityCompleterFactory(EnumSet.noneOf(Flaw.class)));
            }

            @Override
            public List<ContentRecovererFactory> contentRecoverers() {
                return List.of(new FlatFillRecovererFactory(EnumSet.noneOf(Flaw.class)));
            }
        };
    }

    // ---- shared plumbing -------------------------------------------------------------------------

    private abstract static class FakeFactory {
        final Set<Flaw> flaws;

        FakeFactory(Set<Flaw> flaws) {
            this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        }

        abstract String fakeName();

        abstract Stage stage();

        public String name() {
            return fakeName();
        }

        public ComponentDescriptor descriptor() {
            Stage stage = flaws.contains(Flaw.WRONG_STAGE) ? Stage.values()[(stage().ordinal() + 1) % Stage.values().length] : stage();
            return new ComponentDescriptor(fakeName(), stage, "fake", "java", 0, !flaws.contains(Flaw.NOT_THREAD_SAFE),
                    Set.of(), "a fake for the testkit's own tests");
        }

        /** Validates the arguments of create() and returns the fill colour setting. */
        int checkCreate(ComponentConfig config, PluginContext context) {
            if (!flaws.contains(Flaw.NO_NULL_CHECKS)) {
                checkNotNull(config, "config");
                checkNotNull(context, "context");
            }
            if (!flaws.contains(Flaw.ACCEPTS_UNKNOWN_SETTINGS)) {
                config.requireOnly(fakeName(), Set.of(KNOWN_SETTING));
            }
            return config.getInt(KNOWN_SETTING, 0x808080, 0, 0xFFFFFF);
        }
    }

    private abstract static class FakeComponent implements Component {
        final Set<Flaw> flaws;
        private final ComponentDescriptor descriptor;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicInteger calls = new AtomicInteger();

        FakeComponent(FakeFactory factory) {
            this.flaws = factory.flaws;
            this.descriptor = factory.descriptor();
        }

        @Override
        public ComponentDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void close() {
            if (closed.getAndSet(true) && flaws.contains(Flaw.CLOSE_NOT_IDEMPOTENT)) {
                throw new IllegalStateException("already closed");
            }
        }

        /** Fails when closed, and numbers the calls (the non-deterministic fakes use the number). */
        int begin() {
            if (closed.get() && !flaws.contains(Flaw.IGNORES_CLOSE)) {
                throw new DeoccException(ErrorCode.COMPONENT_CLOSED, descriptor.name() + " is closed: create a new one");
            }
            return calls.incrementAndGet();
        }

        void checkNotNullUnlessFlawed(Object value, String name) {
            if (!flaws.contains(Flaw.NO_NULL_CHECKS)) {
                checkNotNull(value, name);
            }
        }

        void checkSizeUnlessFlawed(RgbImage image, BinaryMask mask, String what) {
            if (!flaws.contains(Flaw.NO_SIZE_CHECK) && (image.width() != mask.width() || image.height() != mask.height())) {
                throw new DeoccException(ErrorCode.SIZE_MISMATCH, what + " is " + mask.width() + "x" + mask.height()
                        + " but the image is " + image.width() + "x" + image.height() + ": give masks of the image's size");
            }
        }
    }

    // ---- segmenter: one person made of the brighter-than-average pixels --------------------------

    static final class BrightPixelSegmenterFactory extends FakeFactory implements SegmenterFactory {
        BrightPixelSegmenterFactory(Set<Flaw> flaws) {
            super(flaws);
        }

        @Override
        String fakeName() {
            return "fake-bright-pixels";
        }

        @Override
        Stage stage() {
            return Stage.SEGMENTATION;
        }

        @Override
        public Segmenter create(ComponentConfig config, PluginContext context) {
            checkCreate(config, context);
            return new BrightPixelSegmenter(this);
        }
    }

    private static final class BrightPixelSegmenter extends FakeComponent implements Segmenter {
        BrightPixelSegmenter(FakeFactory factory) {
            super(factory);
        }

        @Override
        public List<PersonInstance> segment(SegmentationRequest request) {
            int call = begin();
            checkNotNullUnlessFlawed(request, "request");
            int[] rgb = request.image().toArray();
            long sum = 0;
            for (int p : rgb) {
                sum += luma(p);
            }
            double mean = sum / (double) rgb.length + (flaws.contains(Flaw.NOT_DETERMINISTIC) && call % 2 == 0 ? 200 : 0);
            BinaryMask bright = BinaryMask.fromIndex(request.image().width(), request.image().height(), i -> luma(rgb[i]) > mean);
            if (bright.isEmpty()) {
                return List.of();
            }
            return List.of(PersonInstance.of(flaws.contains(Flaw.IDS_FROM_TWO) ? 2 : 1, bright));
        }

        private static int luma(int rgb) {
            return ((rgb >> 16) & 0xFF) * 3 + ((rgb >> 8) & 0xFF) * 6 + (rgb & 0xFF);
        }
    }

    // ---- completer: amodal = visible ----------------------------------------------------------------

    static final class IdentityCompleterFactory extends FakeFactory implements MaskCompleterFactory {
        private final String name;

        IdentityCompleterFactory(Set<Flaw> flaws) {
            this(flaws, "fake-identity");
        }

        IdentityCompleterFactory(Set<Flaw> flaws, String name) {
            super(flaws);
            this.name = name;
        }

        @Override
        String fakeName() {
            return name;
        }

        @Override
        Stage stage() {
            return Stage.MASK_COMPLETION;
        }

        @Override
        public MaskCompleter create(ComponentConfig config, PluginContext context) {
            checkCreate(config, context);
            return new IdentityCompleter(this);
        }
    }

    private static final class IdentityCompleter extends FakeComponent implements MaskCompleter {
        IdentityCompleter(FakeFactory factory) {
            super(factory);
        }

        @Override
        public MaskCompletion complete(RgbImage image, PersonInstance person) {
            int call = begin();
            checkNotNullUnlessFlawed(image, "image");
            checkNotNullUnlessFlawed(person, "person");
            checkSizeUnlessFlawed(image, person.visibleMask(), "the person's mask");
            BinaryMask visible = person.visibleMask();
            if (flaws.contains(Flaw.NOT_DETERMINISTIC) && call % 2 == 0) {
                return new MaskCompletion(visible, visible.not().or(visible));
            }
            return new MaskCompletion(visible, visible);
        }
    }

    // ---- recoverer: fills the hidden region with one colour -----------------------------------------

    static final class FlatFillRecovererFactory extends FakeFactory implements ContentRecovererFactory {
        FlatFillRecovererFactory(Set<Flaw> flaws) {
            super(flaws);
        }

        @Override
        String fakeName() {
            return "fake-flat-fill";
        }

        @Override
        Stage stage() {
            return Stage.CONTENT_RECOVERY;
        }

        @Override
        public ContentRecoverer create(ComponentConfig config, PluginContext context) {
            int fill = checkCreate(config, context);
            return new FlatFillRecoverer(this, fill);
        }
    }

    private static final class FlatFillRecoverer extends FakeComponent implements ContentRecoverer {
        private final int fill;

        FlatFillRecoverer(FakeFactory factory, int fill) {
            super(factory);
            this.fill = fill;
        }

        @Override
        public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
            int call = begin();
            checkNotNullUnlessFlawed(image, "image");
            checkNotNullUnlessFlawed(person, "person");
            checkNotNullUnlessFlawed(masks, "masks");
            checkSizeUnlessFlawed(image, person.visibleMask(), "the person's mask");
            checkSizeUnlessFlawed(image, masks.amodal(), "the amodal mask");
            int colour = flaws.contains(Flaw.NOT_DETERMINISTIC) ? fill ^ call : fill;
            int[] rgb = image.toArray();
            BinaryMask hidden = masks.invisible();
            for (int i = 0; i < rgb.length; i++) {
                if (hidden.get(i)) {
                    rgb[i] = colour;
                } else if (flaws.contains(Flaw.CHANGES_VISIBLE_PIXELS) && masks.refinedVisible().get(i)) {
                    rgb[i] = Math.min(0xFFFFFF, rgb[i] + 0x010101);
                }
            }
            RgbImage composite = RgbImage.of(image.width(), image.height(), rgb);
            BinaryMask alpha = flaws.contains(Flaw.OPAQUE_EVERYWHERE) ? masks.amodal().or(masks.amodal().not()) : masks.amodal();
            return new ContentRecovery(RgbaImage.withAlpha(composite, alpha), composite);
        }
    }
}
