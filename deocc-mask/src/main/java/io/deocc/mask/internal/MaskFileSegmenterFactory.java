package io.deocc.mask.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.api.spi.Stage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code mask-file} segmenter: the people's masks come with each request as PNG files, one
 * binary mask per person or one label image. Setting {@code format}: {@code auto} (default),
 * {@code binary} or {@code labels}; see {@link MaskFileFormat}.
 */
public final class MaskFileSegmenterFactory implements SegmenterFactory {
    static final String NAME = "mask-file";
    static final String FORMAT = "format";

    private static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, Stage.SEGMENTATION, "files", "java", 0, true,
            Set.of("masks-from-files"), "Reads the people's visible masks from PNG files given with the request: one mask per person or one label image.");

    /** Of the two file-reading segmenters, mask files are the simpler input: the default when nothing is named. */
    @Override
    public int defaultPriority() {
        return 1;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Segmenter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        config.requireOnly(NAME, Set.of(FORMAT));
        MaskFileFormat format = parseFormat(config.getString(FORMAT, MaskFileFormat.AUTO.configName()));
        return new MaskFileSegmenter(DESCRIPTOR, format, context.limits());
    }

    private static MaskFileFormat parseFormat(String raw) {
        String wanted = raw.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(MaskFileFormat.values()).filter(f -> f.configName().equals(wanted)).findFirst()
                .orElseThrow(() -> new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + FORMAT + "' of '" + NAME + "' is '" + raw
                        + "': expected one of " + Arrays.stream(MaskFileFormat.values()).map(MaskFileFormat::configName)
                                .collect(Collectors.joining(", "))));
    }
}
