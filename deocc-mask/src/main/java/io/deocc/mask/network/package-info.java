/**
 * How the mask stage runs a network, whatever engine runs it: the person crop and input tensors going in,
 * reading the outputs (probabilities, parsing labels) coming back, and turning them into masks at the
 * image's size. Engines supply only the forward pass, as an {@link io.deocc.api.network.NetworkFunction}.
 */
package io.deocc.mask.network;
