package io.deocc.cli;

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
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Small components for tests that need behaviour the reference components do not have: a segmenter
 * that finds two people (left and right halves of the image), one that finds the left half only, two that fail, a completer that
 * keeps the visible mask but rejects person 2, and a recoverer that paints hidden pixels white.
 */
final class FakePlugin implements DeoccPlugin {
    static final int PAINT = 0xFFFFFF;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public List<SegmenterFactory> segmenters() {
        return List.of(
                segmenter("halves", request -> {
                    RgbImage image = request.image();
                    int half = image.width() / 2;
                    return List.of(
                            PersonInstance.of(1, BinaryMask.fromIndex(image.width(), image.height(), i -> i % image.width() < half)),
                            PersonInstance.of(2, BinaryMask.fromIndex(image.width(), image.height(), i -> i % image.width() >= half)));
                }),
                // one person only, so that reject-second accepts every image (batch tests)
                segmenter("left-half", request -> {
                    RgbImage image = request.image();
                    int half = image.width() / 2;
                    return List.of(PersonInstance.of(1, BinaryMask.fromIndex(image.width(), image.height(), i -> i % image.width() < half)));
                }),
                segmenter("explode", request -> {
                    throw new IllegalStateException("fake segmenter exploded");
                }),
                segmenter("buggy", request -> {
                    throw new DeoccException(ErrorCode.INTERNAL, "fake segmenter has a bug");
                }));
    }

    @Override
    public List<MaskCompleterFactory> maskCompleters() {
        return List.of(new MaskCompleterFactory() {
            @Override
            public String name() {
                return "reject-second";
            }

            @Override
            public ComponentDescriptor descriptor() {
                return FakePlugin.descriptor(name(), Stage.MASK_COMPLETION);
            }

            @Override
            public MaskCompleter create(ComponentConfig config, PluginContext context) {
                config.requireOnly(name(), Set.of());
                return new MaskCompleter() {
                    @Override
                    public MaskCompletion complete(RgbImage image, PersonInstance person) {
                        if (person.id() == 2) {
                            throw DeoccException.invalidArgument("fake completer rejects person 2: it only takes person 1");
                        }
                        return new MaskCompletion(person.visibleMask(), person.visibleMask());
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return FakePlugin.descriptor("reject-second", Stage.MASK_COMPLETION);
                    }

                    @Override
                    public void close() {}
                };
            }
        });
    }

    @Override
    public List<ContentRecovererFactory> contentRecoverers() {
        return List.of(new ContentRecovererFactory() {
            @Override
            public String name() {
                return "paint-white";
            }

            @Override
            public ComponentDescriptor descriptor() {
                return FakePlugin.descriptor(name(), Stage.CONTENT_RECOVERY);
            }

            @Override
            public ContentRecoverer create(ComponentConfig config, PluginContext context) {
                config.requireOnly(name(), Set.of());
                return new ContentRecoverer() {
                    @Override
                    public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
                        int[] pixels = image.toArray();
                        BinaryMask hidden = masks.invisible();
                        for (int i = 0; i < pixels.length; i++) {
                            if (hidden.get(i)) {
                                pixels[i] = PAINT;
                            }
                        }
                        RgbImage composite = RgbImage.of(image.width(), image.height(), pixels);
                        return new ContentRecovery(RgbaImage.withAlpha(composite, masks.amodal()), composite);
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return FakePlugin.descriptor("paint-white", Stage.CONTENT_RECOVERY);
                    }

                    @Override
                    public void close() {}
                };
            }
        });
    }

    static ComponentDescriptor descriptor(String name, Stage stage) {
        return new ComponentDescriptor(name, stage, "fake", "java", 0, true, Set.of("test"), "A test double.");
    }

    private static SegmenterFactory segmenter(String name, Function<SegmentationRequest, List<PersonInstance>> behaviour) {
        return new SegmenterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ComponentDescriptor descriptor() {
                return FakePlugin.descriptor(name, Stage.SEGMENTATION);
            }

            @Override
            public Segmenter create(ComponentConfig config, PluginContext context) {
                return new Segmenter() {
                    @Override
                    public List<PersonInstance> segment(SegmentationRequest request) {
                        return behaviour.apply(request);
                    }

                    @Override
                    public ComponentDescriptor descriptor() {
                        return FakePlugin.descriptor(name, Stage.SEGMENTATION);
                    }

                    @Override
                    public void close() {}
                };
            }
        };
    }
}
