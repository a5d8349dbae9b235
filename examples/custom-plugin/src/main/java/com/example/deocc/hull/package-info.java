/**
 * How to write a deocc plugin, shown on a small but real one: a mask completer that takes the
 * person's visible mask and fills in its convex hull as the whole-body (amodal) estimate.
 *
 * <h2>1. Depend on the API only</h2>
 * A plugin compiles against {@code io.deocc:deocc-api} and nothing else from deocc. The runtime,
 * the reference components and the command line are the host's business; depending on them would
 * tie the plugin to one host version. Test-only dependencies are fine: this module's tests use
 * {@code deocc-testkit} (the contract every component must pass) and {@code deocc-cli} (to prove the
 * command line finds the plugin).
 *
 * <h2>2. Declare the plugin twice</h2>
 * In {@code module-info.java}: {@code provides io.deocc.api.spi.DeoccPlugin with ...ConvexHullPlugin;}
 * and, for class-path users, the same class name in
 * {@code META-INF/services/io.deocc.api.spi.DeoccPlugin}. Nothing needs to be exported.
 *
 * <h2>3. Keep the plugin and its factories cheap</h2>
 * {@link com.example.deocc.hull.ConvexHullPlugin} only lists factories. The host constructs every
 * plugin it finds, even those the user never selects, so constructors must not load models or
 * native libraries, open files or start threads. That work belongs in
 * {@link io.deocc.api.spi.ComponentFactory#create create}.
 *
 * <h2>4. Validate configuration in {@code create}</h2>
 * {@link com.example.deocc.hull.ConvexHullCompleterFactory#create create} first rejects unknown
 * keys with {@link io.deocc.api.spi.ComponentConfig#requireOnly requireOnly} (a misspelt setting
 * must fail, not be ignored), then reads each value through a typed getter that checks its range.
 * Both throw {@code DeoccException} with {@code INVALID_CONFIG} and a message naming the key and
 * the allowed values.
 *
 * <h2>5. Make the component honest about its inputs and its lifetime</h2>
 * {@code ConvexHullCompleter} checks for null arguments, for a closed
 * component ({@code COMPONENT_CLOSED}), for an image over the host's size limit and for a mask whose
 * size differs from the image's ({@code SIZE_MISMATCH}); every message says what was wrong and how
 * to fix it. {@code close()} is idempotent. The component keeps no mutable state besides its
 * closed flag, so its descriptor declares it thread-safe and the host may share one instance.
 *
 * <h2>6. Run the contract</h2>
 * A test class that extends {@code io.deocc.testkit.MaskCompleterContract} and returns the factory
 * from {@code factory()} runs the checks every completer must pass: naming, descriptor, config
 * handling, input validation, the amodal mask containing the visible mask, and close semantics.
 */
package com.example.deocc.hull;
