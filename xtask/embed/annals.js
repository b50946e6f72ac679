// Annals for sites that embed it: the explorer and its data functions as an
// ES module with a stable name. `cargo xtask dist` writes this file into
// dist/ with the two placeholders below replaced by the content-hashed
// names of this build's wasm-bindgen module and WebAssembly file, so hosts
// link one fixed URL while the large files stay cacheable under their hashes.
//
//   import { init, mount, search } from './annals.js';
//   await init();
//   const { total, hits } = search('nato', { limit: 10 });
//   const explorer = mount(document.getElementById('corpus'), { query: 'nato' });
//
// Types: annals.d.ts beside this file.

import initCore, * as core from './__ANNALS_CORE__';

/** Where the WebAssembly file is unless `init({ wasmUrl })` says otherwise. */
const WASM_BESIDE_THIS_FILE = new URL('./__ANNALS_WASM__', import.meta.url);

let starting = null;
let ready = false;

/**
 * Loads and starts the WebAssembly module (once; later calls return the same
 * promise). Resolves when every other function can be called.
 */
export function init(options) {
  if (!starting) {
    const wasmUrl = options?.wasmUrl;
    const source = wasmUrl === undefined ? WASM_BESIDE_THIS_FILE : new URL(wasmUrl, document.baseURI);
    starting = initCore({ module_or_path: source }).then(
      () => {
        // A split index's pieces lie in pieces/ beside this file.
        core.setPiecesBase?.(new URL('pieces/', import.meta.url).href);
        ready = true;
      },
      (error) => {
        // A failed start (offline, a wrong wasmUrl) may be retried.
        starting = null;
        throw error;
      },
    );
  }
  return starting;
}

/** The module's export `name`, or a clear error saying what is missing. */
function exported(name) {
  if (!ready) throw new Error(`annals.${name}(): call \`await init()\` first`);
  const fn = core[name];
  if (typeof fn !== 'function') throw new Error(`annals.${name}(): this build of Annals does not provide ${name}()`);
  return fn;
}

/** Whether this build provides the function `name` (e.g. 'timeline'). */
export function provides(name) {
  return ['init', 'provides'].includes(name) || typeof core[name] === 'function';
}

/** Renders an explorer inside `element` (in its shadow root). */
export function mount(element, options) {
  // Checked here: a non-element would fail deep inside the module.
  if (!element || element.nodeType !== 1) throw new TypeError('annals.mount(): the first argument must be a DOM element');
  const handle = exported('mount')(element, options ?? {});
  let mounted = true;
  return {
    unmount() {
      if (!mounted) return;
      mounted = false;
      handle.unmount();
      handle.free();
    },
  };
}

/** What a call throws while parts of a split index it reads are fetched. */
const PIECES_PENDING = 'annals: parts of the index are being fetched';

/** Whether this build's index is split into pieces fetched on demand. */
export function isSplit() {
  return exported('isSplit')();
}

/**
 * Calls `ask` and resolves with its answer once every part of the index it
 * reads is here, fetching the missing pieces of a split index between
 * tries. The functions below do this themselves over a split index.
 */
export async function complete(ask) {
  for (;;) {
    try {
      return await ask();
    } catch (error) {
      if (error?.message !== PIECES_PENDING) throw error;
      await exported('piecesArrived')();
    }
  }
}

/**
 * The module's function `name` called with `args`: its answer as it is over
 * a single index; over a split index, a promise of it, once the pieces it
 * reads have been fetched (`await` works either way).
 */
function answer(name, ...args) {
  const fn = exported(name);
  if (!core.isSplit?.()) return fn(...args);
  return complete(() => fn(...args));
}

/** Searches the corpus: `{total, hits: [{id, title, date, precision, score, snippet, marks}], notices, suggestion}`. */
export function search(query, options) {
  return answer('search', String(query ?? ''), options ?? {});
}

/** Facet values and counts for the documents a query finds. */
export function facets(query, options) {
  return answer('facets', String(query ?? ''), options ?? {});
}

/**
 * How many documents a query finds per period; with `{layer: 'mentioned'}`,
 * how many of their mentions refer to each period.
 */
export function timeline(query, options) {
  return answer('timeline', String(query ?? ''), options ?? {});
}

/** How often each term occurs per period, absolute and per 10,000 words. */
export function trends(terms, options) {
  return answer('trends', Array.from(terms ?? [], String), options ?? {});
}

/** Keyword-in-context lines for a query. */
export function concordance(query, options) {
  return answer('concordance', String(query ?? ''), options ?? {});
}

/** The dates the documents a query finds mention, in the order of those dates, with their sentences. */
export function mentions(query, options) {
  return answer('mentions', String(query ?? ''), options ?? {});
}
