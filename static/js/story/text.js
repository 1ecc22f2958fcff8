// The story's words, one entry per step: [title, what the machine does, its limit (what the next
// step fixes)]. Short and plain: they are read aloud from a projector.

export const STEPS = 5;

export const TEXT = {
  1: ['A network stores a picture',
    'This decoder always gets the same input, the number 1, and was trained until its output matched one ' +
    'picture. The picture now lives in its weights.',
    'Its limit: one input, one picture.'],
  2: ['One-hot codes store a few pictures',
    'Same decoder, but the input is a one-hot code: [1, 0, 0, 0] means picture 1, [0, 1, 0, 0] picture 2.',
    'Its limit: only k pictures, and a blend like [0.5, 0.5, 0, 0] is a ghostly overlay, not a new digit.'],
  3: ['Real-valued codes store many',
    'Now each training picture gets a fixed random code of 4 real numbers, and only the decoder learns. ' +
    'Many more pictures fit.',
    'Its limit: a code halfway between two stored ones decodes to something that is no digit.'],
  4: ['An encoder makes the codes: an autoencoder',
    'An encoder learns to give each image its code; the decoder learns to draw it back. It works for ' +
    'digits it never saw.',
    'Its limit: a random code decodes to junk, because the codes leave holes.'],
  5: ['A VAE',
    'The encoder gives a mean and a spread for each code; a KL term pulls the codes toward N(0, I) and the ' +
    'reparameterization trick samples from them. Now random codes decode to digits.',
    ''],
};
