/**
 * How the content stage runs a network, whatever engine runs it: the crop and the partial-convolution
 * inputs going in, the painted colours coming back and composited so visible pixels never change.
 * Engines supply only the forward pass, as an {@link io.deocc.api.network.NetworkFunction}.
 */
package io.deocc.content.network;
