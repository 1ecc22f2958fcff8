// "Why blurry?": the story's last point, made touchable. The same code z decoded by a VAE, a GAN and a
// VAE-GAN side by side (same-z.js), your digit reconstructed by the two that have an encoder and not by
// the GAN (reconstruction.js), random samples of each (samples.js) and their measured figures
// (table.js), and, where the VAE-GAN's entry has a "large" decoder (a CPPN, train/cppn.py), the same z
// drawn at the screen's resolution beside its 28 pixels (large.js). The GAN and the VAE-GAN come from
// a second manifest that the page's model list names ("blur_manifest"); without it the section says
// there is nothing to compare. Nothing is fetched until the section comes near the screen or is used;
// then the second manifest and the three decoders arrive (and the CPPN), each with a progress bar, and
// the encoders when a digit is to be reconstructed. Everything is read and loaded through
// core/models.js. Test hooks: window.vaeDemo.blur (wake, loaded, idle, samples).

import { byIds } from '../core/dom.js';
import { msg, setText } from '../core/i18n.js';
import { LargeDecoder, LatentModel, loadManifest } from '../core/models.js';
import { NEAR, whenNear } from '../core/near.js';
import { createProgressLine } from '../core/progress.js';
import { createLarge } from './large.js';
import { createReconstruction } from './reconstruction.js';
import { pickEntries } from './roles.js';
import { createSameZ } from './same-z.js';
import { createSamples } from './samples.js';
import { renderBlurTable } from './table.js';

const IDS = {
  status: 'blur-status', loading: 'blur-loading', loadingText: 'blur-loading-text', progress: 'blur-progress',
  same: 'blur-same', yours: 'blur-yours', samples: 'blur-samples', measured: 'blur-measured',
  trio: 'blur-trio', z: 'blur-z', not2d: 'blur-not2d', not2dText: 'blur-not2d-text', switchButton: 'blur-switch',
  recon: 'blur-recon', hint: 'blur-yours-hint', strips: 'blur-strips', samplesNote: 'blur-samples-note',
  newSamples: 'blur-new-samples', table: 'blur-table', tableNote: 'blur-table-note', largePart: 'blur-large',
  large: 'blur-large-pair',
};
const PARTS = ['same', 'yours', 'samples', 'measured'];

class Blur {
  constructor(root, state, manifest, onError) {
    this.nodes = byIds(root, IDS);
    this.state = state;
    this.onError = onError;
    this.views = [];  // what draws: each has idle()
    this.samples = null;
    this.opened = false;
    if (!manifest.blur_manifest) {
      setText(this.nodes.status, 'blur.notExported');
      this.loaded = Promise.resolve(null);
      this.wake = () => {};
      return;
    }
    PARTS.forEach((p) => { this.nodes[p].hidden = false; });
    const n = this.nodes;
    this.downloads = createProgressLine(n.loading, n.loadingText, n.progress);
    let start;
    this.loaded = new Promise((resolve) => { start = resolve; });
    this.wake = whenNear(root, () => {
      this.opened = true;
      start(this.open(manifest));
    }, NEAR.below);
  }

  /** Say `message` (a msg()) in the section's status line. */
  say(message) {
    setText(this.nodes.status, message);
    this.nodes.status.hidden = false;
  }

  /** The section came near (or was used): read the second manifest, load the decoders, build the parts. */
  async open(manifest) {
    try {
      const items = pickEntries(manifest, await loadManifest(manifest.blur_manifest));
      if (!items) {
        PARTS.forEach((p) => { this.nodes[p].hidden = true; });
        this.nodes.largePart.hidden = true;
        this.say(msg('blur.notExported'));
        return null;
      }
      this.renderTable = () => renderBlurTable(this.nodes.table, this.nodes.tableNote, items);
      this.renderTable();
      this.state.subscribe((what) => { if (what === 'lang') this.renderTable(); });
      const load = (item) => this.downloads.track(msg('blur.downloading', { who: msg(item.who) }),
        (onProgress) => LatentModel.load(item.entry, onProgress));
      const trio = await Promise.all(items.map((item) => load(item).then((model) => ({ ...item, model }))));
      const vaegan = trio.find((t) => t.role === 'vaegan');
      const loadLarge = (onProgress) => LargeDecoder.load(vaegan.entry, onProgress);
      const cppn = vaegan.entry.large
        ? await this.downloads.track(msg('blur.downloading', { who: msg('blur.who.cppn') }), loadLarge) : null;
      this.build(trio, cppn);
      this.nodes.status.hidden = true;
      return trio;
    } catch (e) {
      this.say(msg('blur.loadError', { detail: e.message || String(e) }));
      console.warn(e);
      return null;
    }
  }

  build(trio, cppn) {
    const n = this.nodes;
    this.views.push(createSameZ(n, this.state, trio, this.onError));
    if (cppn) {
      n.largePart.hidden = false;
      const dim = trio[0].model.latentDim;
      const fits = () => Boolean(this.state.model) && this.state.model.latentDim === dim;
      this.views.push(createLarge(n, this.state, trio.find((t) => t.role === 'vaegan'), cppn, fits, this.onError));
    }
    this.views.push(createReconstruction({ recon: n.recon, hint: n.hint }, this.state, trio, this.downloads,
      this.onError));
    this.samples = createSamples({ strips: n.strips, note: n.samplesNote, button: n.newSamples }, trio, this.onError);
    this.views.push(this.samples);
  }

  /** Resolves once every part shows the current z, digit and samples (nothing pending, or never opened). */
  async idle() {
    if (!this.opened) return;
    await this.loaded;
    await Promise.all(this.views.map((v) => v.idle()));
  }
}

/** The feature contract's mount: the Why blurry? section inside `root` (#blur); manifest: the page's model list. */
export function mount({ root, state, manifest, onError }) {
  return new Blur(root, state, manifest, onError);
}
