package io.deocc.runtime;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.image.RgbaImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Small, real components for runtime tests: they compute simple but checkable outputs. */
public final class FakePlugins {
    private FakePlugins() {}

    /** The fake recoverers' output: the image with the hidden region painted white. */
    public static ContentRecovery paintHiddenWhite(RgbImage image, MaskCompletion masks) {
        int[] rgb = image.toArray();
        BinaryMask hidden = masks.invisible();
        for (int i = 0; i < rgb.length; i++) {
            if (hidden.get(i)) {
                rgb[i] = 0xFFFFFF;
            }
        }
        RgbImage composite = RgbImage.of(image.width(), image.height(), rgb);
        return new ContentRecovery(RgbaImage.withAlpha(composite, masks.amodal()), composite);
    }

    static ComponentDescriptor descriptor(String name, Stage stage) {
        return new ComponentDescriptor(name, stage, "fake", "java", 0, true, Set.of(), "test component");
    }

    /** Segments every non-black pixel of the image as one person. */
    static SegmenterFactory brightSegmenter(String name) {
        return new SegmenterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ComponentDescriptor descriptor() {
                return FakePlugins.descriptor(name, Stage.SEGMENTATION);
            }

            @Override
            public Segmenter create(ComponentConfig config, PluginContext context) {
                config.requireOnly(name, Set.of());
                return new Segmenter() {
                    @Override
                    public List<PersonInstance> segment(SegmentationRequest request) {
                        RgbImage image = request.image();
                        int[] rgb = image.toArray();
                        BinaryMask mask = BinaryMask.fromIndex(image.width(), image.height(), i -> rgb[i] != 0);
                        return mask.isEmpty() ? List.of() : List.of(PersonInstance.of(1, mask));
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return FakePlugins.descriptor(name, Stage.SEGMENTATION);
                    }

                    @Override
                    public void close() {}
                };
            }
        };
    }

    /** Amodal = visible grown by one row downwards; fails for person ids listed in {@code failIds}. */
    static MaskCompleterFactory growDownCompleter(String name, int priority, Set<Integer> failIds, AtomicInteger closes) {
        return new MaskCompleterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ComponentDescriptor descriptor() {
                return FakePlugins.descriptor(name, Stage.MASK_COMPLETION);
            }

            @Override
            public int defaultPriority() {
                return priority;
            }

            @Override
            public MaskCompleter create(ComponentConfig config, PluginContext context) {
                int rows = config.getInt("rows", 1, 0, 100);
                config.requireOnly(name, Set.of("rows"));
                return new MaskCompleter() {
                    @Override
                    public MaskCompletion complete(RgbImage image, PersonInstance person) {
                        if (failIds.contains(person.id())) {
                            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "person " + person.id() + " rejected by the fake");
                        }
                        BinaryMask v = person.visibleMask();
                        int w = v.width();
                        BinaryMask amodal = BinaryMask.fromIndex(w, v.height(), i -> {
                            for (int r = 0; r <= rows; r++) {
                                int j = i - r * w;
                                if (j >= 0 && v.get(j)) {
                                    return true;
                                }
                            }
                            return false;
                        });
                        return new MaskCompletion(v, amodal);
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return FakePlugins.descriptor(name, Stage.MASK_COMPLETION);
                    }

                    @Override
                    public void close() {
                        closes.incrementAndGet();
                    }
                };
            }
        };
    }

    /** Paints the invisible region white. */
    static ContentRecovererFactory whiteRecoverer(String name, AtomicInteger closes) {
        return new ContentRecovererFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ComponentDescriptor descriptor() {
                return FakePlugins.descriptor(name, Stage.CONTENT_RECOVERY);
            }

            @Override
            public ContentRecoverer create(ComponentConfig config, PluginContext context) {
                if (config.getBoolean("explode", false)) {
                    throw new DeoccException(ErrorCode.MODEL_INVALID, "fake model file is missing");
                }
                return new ContentRecoverer() {
                    @Override
                    public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
                        return paintHiddenWhite(image, masks);
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return FakePlugins.descriptor(name, Stage.CONTENT_RECOVERY);
                    }

                    @Override
                    public void close() {
                        closes.incrementAndGet();
                    }
                };
            }
        };
    }

    static DeoccPlugin plugin(String name, List<SegmenterFactory> segmenters, List<MaskCompleterFactory> completers,
            List<ContentRecovererFactory> recoverers) {
        List<SegmenterFactory> s = new ArrayList<>(segmenters);
        List<MaskCompleterFactory> c = new ArrayList<>(completers);
        List<ContentRecovererFactory> r = new ArrayList<>(recoverers);
        return new DeoccPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<SegmenterFactory> segmenters() {
                return s;
            }

            @Override
            public List<MaskCompleterFactory> maskCompleters() {
                return c;
            }

            @Override
            public List<ContentRecovererFactory> contentRecoverers() {
                return r;
            }
        };
    }
}
