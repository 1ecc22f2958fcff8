"""One training step of a model made of several networks, each with its own optimiser (the GAN and the
VAE-GAN: train/gan.py, train/vaegan.py), on TensorFlow or on JAX, from one description of the step.

A model describes its step as phases, in order (`model.phases(x)`): each phase is a function that
computes the losses from the networks as they are now, and names the networks it updates; each of
those networks takes one step of its own optimiser on the gradient of its own objective (the entry
of the phase's result under the network's attribute name) with respect to its own weights only.
The GAN has two phases (the discriminator, then the generator against the updated discriminator);
the VAE-GAN one (encoder, decoder and discriminator from the same forward pass). The entries of
every phase's result are merged and handed to `model.logs_of`, whose values the loss trackers take.

    TensorFlow   each phase runs under a tf.GradientTape; `apply_gradients` updates the variables.
    JAX          Keras calls `train_step(state, data)` with the variables' values and expects new ones
                 back (jax.jit traces it, so nothing may be assigned in place). Every variable reads
                 its value from a dict here through keras.StatelessScope; a phase's gradients come
                 from jax.vjp of the phase as a function of the updated networks' weights (one
                 backward pass per network, as the persistent tape does); the optimisers' `apply`
                 runs in a StatelessScope too, and what it assigns becomes the new values. Keras's
                 JAX trainer threads the state of only one optimiser, `model.optimizer`, so the
                 model lists its own optimisers' variables among its non-trainable variables on JAX
                 (TwoPlayerModel.non_trainable_variables): they travel with the state and are written
                 back at the end of each epoch, before the checkpoint is saved.
"""

import keras

BACKENDS = ("tensorflow", "jax")  # where train_step below can run


def images_of(data):
    """The images of a batch as `fit` passes it: x alone, or (x, y)."""
    return data[0] if isinstance(data, tuple) else data


def tensorflow_train_step(model, x):
    """The step on TensorFlow: the logs."""
    import tensorflow as tf

    merged = {}
    for phase, parts in model.phases(x):
        with tf.GradientTape(persistent=len(parts) > 1) as tape:
            out = phase()
        for part in parts:
            weights = getattr(model, part).trainable_weights
            model.optimizers[part].apply_gradients(zip(tape.gradient(out[part], weights), weights))
        del tape
        merged.update(out)
    return model.track(**model.logs_of(merged))


class Values:
    """The current value of every variable of `variables` (a backend tensor), by variable."""

    def __init__(self, variables, values):
        self.variables = list(variables)
        self.by_id = {id(v): value for v, value in zip(self.variables, values)}

    def of(self, variables):
        return [self.by_id[id(v)] for v in variables]

    def run(self, fn, overrides=()):
        """fn() with every variable reading its value here, or the one `overrides` ((variable, value)
        pairs) gives it; returns (fn's result, {id: value} of every variable after fn)."""
        mapping = dict(self.by_id)
        mapping.update((id(v), value) for v, value in overrides)
        with keras.StatelessScope(state_mapping=[(v, mapping[id(v)]) for v in self.variables]) as scope:
            out = fn()
        return out, {id(v): scope.get_current_value(v) for v in self.variables}


def jax_phase(model, values, phase, parts):
    """Run one phase and apply its updates to `values`; returns the phase's result."""
    import jax

    networks = [getattr(model, part).trainable_variables for part in parts]
    weights = [v for network in networks for v in network]

    def objectives(flat):
        out, after = values.run(phase, overrides=zip(weights, flat))
        return tuple(out[part] for part in parts), (out, after)

    objective_values, backward, (out, after) = jax.vjp(objectives, values.of(weights), has_aux=True)
    trained = {id(v) for v in weights}
    values.by_id.update((key, value) for key, value in after.items() if key not in trained)
    gradients, start = [], 0
    for k, network in enumerate(networks):  # network k: the gradient of objective k, its own weights' part
        cotangent = tuple(
            keras.ops.ones_like(o) if j == k else keras.ops.zeros_like(o) for j, o in enumerate(objective_values)
        )
        gradients.append(backward(cotangent)[0][start : start + len(network)])
        start += len(network)

    def apply():
        for part, network, grads in zip(parts, networks, gradients):
            model.optimizers[part].apply(grads, network)

    _, after = values.run(apply)
    values.by_id.update(after)
    return out


def jax_train_step(model, state, data):
    """The step on JAX: (logs, new state), as Keras's JAX trainer expects them."""
    trainable, non_trainable, optimizer_variables, metrics = state
    x = images_of(data)
    refs = model.trainable_variables + model.non_trainable_variables + model.metrics_variables
    values = Values(refs, list(trainable) + list(non_trainable) + list(metrics))
    merged = {}
    for phase, parts in model.phases(x):
        merged.update(jax_phase(model, values, phase, parts))
    logs, after = values.run(lambda: model.track(**model.logs_of(merged)))
    values.by_id.update(after)
    new_state = (
        values.of(model.trainable_variables),
        values.of(model.non_trainable_variables),
        optimizer_variables,  # model.optimizer's (compile's default): never used
        values.of(model.metrics_variables),
    )
    return logs, new_state


def jax_test_step(model, state, data, losses):
    """`losses(x)` on held-out images on JAX, tracked: (logs, new state)."""
    trainable, non_trainable, metrics = state
    x = images_of(data)
    refs = model.trainable_variables + model.non_trainable_variables + model.metrics_variables
    values = Values(refs, list(trainable) + list(non_trainable) + list(metrics))
    logs, after = values.run(lambda: model.track(**losses(x)))
    values.by_id.update(after)
    return logs, (trainable, values.of(model.non_trainable_variables), values.of(model.metrics_variables))
