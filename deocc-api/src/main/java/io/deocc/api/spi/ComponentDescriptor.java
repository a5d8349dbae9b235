package io.deocc.api.spi;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.util.Set;

/**
 * What a component is, for listings and for the runtime's scheduling decisions.
 *
 * @param name the factory's name
 * @param stage the stage it serves
 * @param backbone the network or algorithm behind it, e.g. {@code template-fit}, {@code stacked-unet}
 * @param engine what executes it, e.g. {@code java}, {@code pytorch}, {@code onnxruntime}
 * @param inputSize the square network input in pixels, or 0 when it works at any size
 * @param threadSafe whether one instance may serve concurrent calls; when false the runtime pools instances
 * @param capabilities free-form tags, e.g. {@code parsing}
 * @param description one sentence for people
 */
public record ComponentDescriptor(String name, Stage stage, String backbone, String engine, int inputSize,
        boolean threadSafe, Set<String> capabilities, String description) {
    public ComponentDescriptor {
        ComponentNames.validate(name);
        checkNotNull(stage, "stage");
        checkNotNull(backbone, "backbone");
        checkNotNull(engine, "engine");
        checkArgument(inputSize >= 0, "inputSize " + inputSize + " must be 0 (any size) or positive");
        for (String capability : checkNotNull(capabilities, "capabilities")) {
            checkNotNull(capability, "a capability");
        }
        capabilities = Set.copyOf(capabilities);
        checkNotNull(description, "description");
    }
}
