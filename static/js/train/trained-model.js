// What the page does with weights the trainer sent: a LatentModel (core/models.js) that the sliders,
// the latent map and the upload panel use like any shipped model, and the files "download" saves (in
// one ZIP, zip.js): the encoder and the decoder as TensorFlow.js layers models (model.json +
// weights.bin, the format tf.loadLayersModel and tensorflowjs's Python converter read), plus a JSON of
// how the model did.
/* global tf */

import { IMAGE_SIZE, PIXELS } from '../core/constants.js';
import { LatentModel } from '../core/models.js';
import { HIDDEN, LATENT_DIM, decode, disposeWeights, encode, weightsFrom } from './vae-mlp.js';

/**
 * A LatentModel from weight values ({name: Float32Array}); `entry` is its manifest-like entry. Its
 * encoder gives [μ | log σ²] (N, 4), as the shipped VAEs' do.
 */
export function trainedModel(entry, values) {
  const w = weightsFrom(values);
  const decoder = {
    execute: (z) => tf.reshape(decode(w, z), [-1, IMAGE_SIZE, IMAGE_SIZE, 1]),
    dispose: () => disposeWeights(w),
  };
  const encoder = {
    execute: (images) => {
      const { mu, logvar } = encode(w, tf.reshape(images, [-1, PIXELS]));
      return tf.concat([mu, logvar], 1);
    },
    dispose: () => {},
  };
  const model = new LatentModel(entry, decoder);
  model.encoderPromise = Promise.resolve(encoder);
  return model;
}

const dense = (name, units, activation, inputShape) => ({ class_name: 'Dense', config: { name, units, activation,
  use_bias: true, trainable: true, dtype: 'float32',
  ...(inputShape ? { batch_input_shape: [null, ...inputShape] } : {}) } });

/** The two layers models: Keras-2-style Sequential topologies and their weights, in order. */
function layersModels(v) {
  const cat = (a, b, rows) => {  // two (rows, 2) kernels side by side → (rows, 4); two biases → 4
    const out = new Float32Array(rows * 2 * LATENT_DIM);
    for (let r = 0; r < rows; r += 1) {
      out.set(a.subarray(r * LATENT_DIM, (r + 1) * LATENT_DIM), r * 2 * LATENT_DIM);
      out.set(b.subarray(r * LATENT_DIM, (r + 1) * LATENT_DIM), r * 2 * LATENT_DIM + LATENT_DIM);
    }
    return out;
  };
  return {
    encoder: {
      layers: [{ class_name: 'Flatten', config: { name: 'flatten', batch_input_shape: [null, IMAGE_SIZE, IMAGE_SIZE, 1],
        dtype: 'float32' } }, dense('hidden', HIDDEN, 'relu'), dense('mu_logvar', 2 * LATENT_DIM, 'linear')],
      weights: [['hidden/kernel', [PIXELS, HIDDEN], v['encoder.hidden.kernel']],
        ['hidden/bias', [HIDDEN], v['encoder.hidden.bias']],
        ['mu_logvar/kernel', [HIDDEN, 2 * LATENT_DIM], cat(v['encoder.mu.kernel'], v['encoder.logvar.kernel'], HIDDEN)],
        ['mu_logvar/bias', [2 * LATENT_DIM], cat(v['encoder.mu.bias'], v['encoder.logvar.bias'], 1)]],
    },
    decoder: {
      layers: [dense('hidden', HIDDEN, 'relu', [LATENT_DIM]), dense('image', PIXELS, 'sigmoid'),
        { class_name: 'Reshape', config: { name: 'reshape', target_shape: [IMAGE_SIZE, IMAGE_SIZE, 1] } }],
      weights: [['hidden/kernel', [LATENT_DIM, HIDDEN], v['decoder.hidden.kernel']],
        ['hidden/bias', [HIDDEN], v['decoder.hidden.bias']],
        ['image/kernel', [HIDDEN, PIXELS], v['decoder.logits.kernel']],
        ['image/bias', [PIXELS], v['decoder.logits.bias']]],
    },
  };
}

/** One layers model as its two files: [{name, bytes}] (model.json, then the weights it names). */
function layersModelFiles(prefix, part, { layers, weights }) {
  const bin = `${prefix}-${part}.weights.bin`;
  const json = {
    format: 'layers-model', generatedBy: 'VAE you can touch (static/js/train/trained-model.js)', convertedBy: null,
    modelTopology: { class_name: 'Sequential', config: { name: part, layers }, keras_version: '2.15.0',
      backend: 'tensorflow' },
    weightsManifest: [{ paths: [bin], weights: weights.map(([name, shape]) => ({ name, shape, dtype: 'float32' })) }],
  };
  const values = new Float32Array(weights.reduce((a, [, , v]) => a + v.length, 0));
  weights.reduce((at, [, , v]) => { values.set(v, at); return at + v.length; }, 0);
  return [{ name: `${prefix}-${part}.json`, bytes: new TextEncoder().encode(JSON.stringify(json)) },
    { name: bin, bytes: new Uint8Array(values.buffer) }];
}

/** The files "download" saves: encoder and decoder (layers models) and `about` as a JSON: [{name, bytes}]. */
export function modelFiles(values, about, prefix = 'vae-in-page') {
  const models = layersModels(values);
  return [...layersModelFiles(prefix, 'encoder', models.encoder),
    ...layersModelFiles(prefix, 'decoder', models.decoder),
    { name: `${prefix}.json`, bytes: new TextEncoder().encode(JSON.stringify(about, null, 2)) }];
}
