package io.deocc.runtime;

import static io.deocc.api.DeoccException.checkNotNull;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.DeoccResult;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonFailure;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.model.PersonResult;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A composed de-occlusion pipeline: segment, then for each person complete the masks and recover
 * the hidden content. Safe to share between threads; components that are not thread-safe are
 * called one at a time. Close it to release what the components loaded.
 *
 * <pre>{@code
 * try (DeoccPipeline pipeline = DeoccPipeline.create(PipelineConfig.defaults())) {
 *     DeoccResult result = pipeline.run(Path.of("photo.png"), List.of(Path.of("person.png")));
 *     ImageFiles.writePng(result.people().get(0).content().composite(), Path.of("out.png"));
 * }
 * }</pre>
 *
 * <p>One person's failure does not stop the others: it is reported in {@link DeoccResult#failures()}.
 */
public final class DeoccPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeoccPipeline.class);

    private final Segmenter segmenter;
    private final MaskCompleter completer;
    private final ContentRecoverer recoverer;
    private final List<PipelineListener> listeners;
    private final PipelineConfig config;
    private final PipelineModule.CreatedComponents components;
    private final AtomicBoolean closed = new AtomicBoolean();

    @Inject
    DeoccPipeline(Segmenter segmenter, MaskCompleter completer, ContentRecoverer recoverer, Set<PipelineListener> listeners,
            PipelineConfig config, PipelineModule.CreatedComponents components) {
        this.segmenter = segmenter;
        this.completer = completer;
        this.recoverer = recoverer;
        this.listeners = List.copyOf(listeners);
        this.config = config;
        this.components = components;
    }

    /** A pipeline over the plugins discovered on the module path and class path. */
    public static DeoccPipeline create(PipelineConfig config) {
        return create(PluginRegistry.discover(), config, List.of());
    }

    /**
     * Composes a pipeline. Components are created now (models load here); if one fails, those
     * already created are closed before the error is thrown.
     */
    public static DeoccPipeline create(PluginRegistry registry, PipelineConfig config, List<PipelineListener> listeners) {
        checkNotNull(registry, "registry");
        checkNotNull(config, "config");
        checkNotNull(listeners, "listeners");
        PipelineModule module = new PipelineModule(registry, config, listeners);
        try {
            Injector injector = Guice.createInjector(module);
            return injector.getInstance(DeoccPipeline.class);
        } catch (ProvisionException e) {
            module.created().closeAll();
            throw unwrap(e.getErrorMessages(), e);
        } catch (CreationException e) {
            module.created().closeAll();
            throw unwrap(e.getErrorMessages(), e);
        } catch (RuntimeException | Error e) {
            module.created().closeAll();
            throw e;
        }
    }

    private static DeoccException unwrap(java.util.Collection<Message> messages, RuntimeException e) {
        for (Message message : messages) {
            Throwable cause = message.getCause();
            while (cause != null) {
                if (cause instanceof DeoccException d) {
                    return d;
                }
                cause = cause.getCause();
            }
        }
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return new DeoccException(ErrorCode.PLUGIN_FAILURE, "composing the pipeline failed: " + root, e);
    }

    /** The descriptor of the component serving {@code stage}. */
    public ComponentDescriptor descriptor(Stage stage) {
        return switch (checkNotNull(stage, "stage")) {
            case SEGMENTATION -> segmenter.descriptor();
            case MASK_COMPLETION -> completer.descriptor();
            case CONTENT_RECOVERY -> recoverer.descriptor();
        };
    }

    public PipelineConfig config() {
        return config;
    }

    /** Reads the image (and mask files, for segmenters that use them) and runs the whole pipeline. */
    public DeoccResult run(Path image, List<Path> maskFiles) {
        checkNotNull(image, "image");
        checkNotNull(maskFiles, "maskFiles");
        RgbImage rgb = ImageFiles.readRgb(image, config.limits());
        return run(new SegmentationRequest(rgb, Optional.of(image.getFileName().toString()), maskFiles));
    }

    /** Segments the image, then processes every person found. */
    public DeoccResult run(SegmentationRequest request) {
        checkNotNull(request, "request");
        return run(request.image(), segment(request));
    }

    /** The segmenter's people, checked against the image and the limits. */
    public List<PersonInstance> segment(SegmentationRequest request) {
        checkOpen();
        checkNotNull(request, "request");
        List<PersonInstance> people = segmenter.segment(request);
        if (people == null) {
            throw new DeoccException(ErrorCode.INTERNAL, "segmenter '" + segmenter.descriptor().name() + "' returned null instead of a list");
        }
        return people;
    }

    /**
     * Processes people the caller already has (e.g. from their own segmenter). Each person is
     * completed and recovered independently; failures are collected, not thrown.
     *
     * @throws DeoccException when the people themselves are unusable: wrong size, duplicate ids, too many
     */
    public DeoccResult run(RgbImage image, List<PersonInstance> people) {
        checkOpen();
        checkNotNull(image, "image");
        checkNotNull(people, "people");
        checkPeople(image, people);
        List<PersonResult> results = new ArrayList<>();
        List<PersonFailure> failures = new ArrayList<>();
        for (PersonInstance person : people) {
            try {
                PersonResult result = process(image, person);
                results.add(result);
                notify(l -> l.personDone(result));
            } catch (DeoccException e) {
                fail(person, e, failures);
            } catch (RuntimeException e) {
                fail(person, new DeoccException(ErrorCode.INTERNAL, "person " + person.id() + " failed inside a component: " + e
                        + "; this is a bug in the component, please report it", e), failures);
            } catch (OutOfMemoryError e) {
                fail(person, new DeoccException(ErrorCode.OUT_OF_MEMORY, "person " + person.id()
                        + " ran out of memory: give the JVM more heap or lower limits.max-image-pixels", e), failures);
            }
        }
        return new DeoccResult(image, results, failures);
    }

    /** Completes and recovers one person; throws on failure. */
    public PersonResult process(RgbImage image, PersonInstance person) {
        checkOpen();
        ComponentInputs.checkPerson(image, person, config.limits());
        MaskCompletion masks = completer.complete(image, person);
        checkResult(masks != null && masks.amodal().width() == image.width() && masks.amodal().height() == image.height(),
                "mask completer '" + completer.descriptor().name() + "' returned masks that are not " + image.width() + "x" + image.height());
        ContentRecovery content = recoverer.recover(image, person, masks);
        checkResult(content != null && content.composite().width() == image.width() && content.composite().height() == image.height(),
                "content recoverer '" + recoverer.descriptor().name() + "' returned content that is not " + image.width() + "x" + image.height());
        return new PersonResult(person, masks, content);
    }

    private void checkPeople(RgbImage image, List<PersonInstance> people) {
        if (people.size() > config.limits().maxPeople()) {
            throw new DeoccException(ErrorCode.TOO_MANY_PEOPLE, people.size() + " people in one image is over the limit of "
                    + config.limits().maxPeople() + ": raise limits.max-people or give fewer masks");
        }
        Set<Integer> ids = new HashSet<>();
        for (PersonInstance person : people) {
            ComponentInputs.checkPerson(image, person, config.limits());
            if (!ids.add(person.id())) {
                throw DeoccException.invalidArgument("person id " + person.id() + " appears twice: give every person of an image its own id");
            }
        }
    }

    private static void checkResult(boolean ok, String message) {
        if (!ok) {
            throw new DeoccException(ErrorCode.INTERNAL, message + ": this is a bug in the component");
        }
    }

    private void fail(PersonInstance person, DeoccException error, List<PersonFailure> failures) {
        log.warn("person {} failed: {}", person.id(), error.getMessage());
        PersonFailure failure = new PersonFailure(person.id(), error);
        failures.add(failure);
        notify(l -> l.personFailed(failure));
    }

    private void notify(java.util.function.Consumer<PipelineListener> event) {
        for (PipelineListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("pipeline listener {} threw; ignored", listener, e);
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new DeoccException(ErrorCode.COMPONENT_CLOSED, "the pipeline is closed: create a new one");
        }
    }

    /** Closes every component; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            components.closeAll();
        }
    }
}
