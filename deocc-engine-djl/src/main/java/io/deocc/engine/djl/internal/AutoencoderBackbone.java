package io.deocc.engine.djl.internal;

import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.model.BackboneSpec;

/**
 * Convolutional autoencoders ({@link AutoencoderBlock}): {@code ae} with a dense latent, {@code vae}
 * with a latent mean and log-variance whose forward result is {@code [output, mean, logVar]} so that
 * a loss can add {@link AutoencoderBlock#klDivergence(ai.djl.ndarray.NDList)}. H and W must be multiples
 * of 2^depth, and a built block runs only at the size it was initialised with (the latent is dense).
 */
public final class AutoencoderBackbone implements Backbone {
    /** The name the plain autoencoder is bound under. */
    public static final String AE_NAME = "ae";
    /** The name the variational autoencoder is bound under. */
    public static final String VAE_NAME = "vae";
    /** Latent units of the bound backbones. */
    public static final int DEFAULT_LATENT_SIZE = 128;
    /** Largest accepted latent size. */
    public static final int MAX_LATENT_SIZE = 4096;

    private final boolean variational;
    private final int latentSize;

    private AutoencoderBackbone(boolean variational, int latentSize) {
        DeoccException.checkArgument(latentSize >= 1 && latentSize <= MAX_LATENT_SIZE, "autoencoder latent size "
                + latentSize + " is out of range: give a value from 1 to " + MAX_LATENT_SIZE);
        this.variational = variational;
        this.latentSize = latentSize;
    }

    /** The plain autoencoder ({@code ae}) with a dense latent of {@code latentSize} units. */
    public static AutoencoderBackbone plain(int latentSize) {
        return new AutoencoderBackbone(false, latentSize);
    }

    /** The variational autoencoder ({@code vae}) with {@code latentSize} latent units. */
    public static AutoencoderBackbone variational(int latentSize) {
        return new AutoencoderBackbone(true, latentSize);
    }

    /** Whether this is the variational kind. */
    public boolean isVariational() {
        return variational;
    }

    /** Latent units. */
    public int latentSize() {
        return latentSize;
    }

    @Override
    public String name() {
        return variational ? VAE_NAME : AE_NAME;
    }

    @Override
    public Block build(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        return new AutoencoderBlock(spec, variational, latentSize);
    }

    @Override
    public int sizeMultiple(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        return spec.sizeMultiple();
    }
}
