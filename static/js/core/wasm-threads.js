// Where the page is cross-origin isolated (the server's COOP and COEP headers), tfjs's WASM backend takes
// its threaded build and runs navigator.hardwareConcurrency / 2 threads (tfjs 4.22's backend.cc: at least
// 1, at most 8), in the page and in the trainer's worker each. Under 4 logical cores that is one thread,
// and the threaded build would only add its 8 idle thread workers and their start-up: there the backend
// keeps its single-threaded SIMD build, as before.
/* global tf */

export const MIN_CORES_FOR_THREADS = 4;

/** Before the WASM backend starts: no threaded build where it would run one thread. */
export function limitWasmThreads() {
  if (!((navigator.hardwareConcurrency || 1) >= MIN_CORES_FOR_THREADS)) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
}
