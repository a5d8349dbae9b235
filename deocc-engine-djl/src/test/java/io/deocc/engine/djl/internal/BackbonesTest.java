package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.backbone.Backbones;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

class BackbonesTest {
    @Test
    void guiceBindsTheUNetByName() {
        Backbones backbones = Guice.createInjector(new BackboneModule()).getInstance(Backbones.class);
        assertEquals(Set.of("unet", "pconv-unet", "pconv-pga", "stacked-unet", "stacked-unet-plain", "resnet-unet", "ae", "vae"), backbones.names());
        Backbone unet = backbones.get("unet");
        assertInstanceOf(UNetBackbone.class, unet);
        assertEquals("unet", unet.name());
        assertInstanceOf(UNetBlock.class, unet.build(new BackboneSpec(4, 1, 3, 1)));
        assertEquals(8, unet.sizeMultiple(new BackboneSpec(4, 1, 3, 1)));
    }

    @Test
    void guiceBindsTheResNetUNetAndTheAutoencodersByName() {
        Backbones backbones = Guice.createInjector(new BackboneModule()).getInstance(Backbones.class);
        Backbone resnet = backbones.get("resnet-unet");
        assertInstanceOf(ResNetUNetBackbone.class, resnet);
        assertEquals("resnet-unet", resnet.name());
        Backbone ae = backbones.get("ae");
        Backbone vae = backbones.get("vae");
        assertEquals("ae", ae.name());
        assertEquals("vae", vae.name());
        assertFalse(assertInstanceOf(AutoencoderBackbone.class, ae).isVariational());
        assertTrue(assertInstanceOf(AutoencoderBackbone.class, vae).isVariational());
        assertInstanceOf(AutoencoderBlock.class, vae.build(new BackboneSpec(1, 1, 3, 1)));
    }

    @Test
    void theEngineExposesTheSameBindings() {
        assertEquals(Set.of("unet", "pconv-unet", "pconv-pga", "stacked-unet", "stacked-unet-plain", "resnet-unet", "ae", "vae"), TestEngine.get().backbones().names());
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        Backbones backbones = TestEngine.get().backbones();
        DeoccException e = assertThrows(DeoccException.class, () -> backbones.get("resnet-34-unet"));
        assertEquals(ErrorCode.UNKNOWN_COMPONENT, e.errorCode());
        assertTrue(e.getMessage().contains("'resnet-34-unet'"), e.getMessage());
        assertTrue(e.getMessage().contains("unet") && e.getMessage().contains("pconv-unet"), e.getMessage());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> backbones.get(null)).errorCode());
    }

    @Test
    void aBackboneBoundUnderAnotherNameIsRejected() {
        DeoccException e = assertThrows(DeoccException.class,
                () -> new Backbones(Map.of("pconv", new UNetBackbone())));
        assertEquals(ErrorCode.INTERNAL, e.errorCode());
    }

    @Test
    void specValidatesItsFields() {
        assertThrows(DeoccException.class, () -> new BackboneSpec(0, 1, 3, 1));
        assertThrows(DeoccException.class, () -> new BackboneSpec(4, 0, 3, 1));
        assertThrows(DeoccException.class, () -> new BackboneSpec(4, 1, 0, 1));
        assertThrows(DeoccException.class, () -> new BackboneSpec(4, 1, 7, 1));
        DeoccException width = assertThrows(DeoccException.class, () -> new BackboneSpec(4, 1, 3, 17));
        assertTrue(width.getMessage().contains("width 17"), width.getMessage());
        assertEquals(32, new BackboneSpec(4, 1, 5, 1).sizeMultiple());
    }
}
