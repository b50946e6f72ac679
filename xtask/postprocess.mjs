// Turns the site Trunk built into everything `cargo xtask dist` ships:
//
// - annals.js and annals.d.ts: the embedding module under a fixed name,
//   pointing at this build's content-hashed wasm-bindgen module and wasm;
// - annals.html: the whole explorer in one file that works when opened from
//   disk with no server and no network: the style sheet inline, the
//   wasm-bindgen module inline, and the wasm gzip-compressed and base64-coded
//   inside it, unpacked by the browser's own DecompressionStream.
//
// Usage: node xtask/postprocess.mjs DIST
// Prints the files it wrote, one a line.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node xtask/postprocess.mjs DIST');
  process.exit(2);
}
const here = new URL('.', import.meta.url);

function fail(message) {
  console.error(`postprocess: ${message}`);
  process.exit(1);
}

/** The one match of `pattern` in `text`, or a stop naming what was expected. */
function only(text, pattern, what) {
  const found = [...text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'))];
  if (found.length !== 1) fail(`expected exactly one ${what} in index.html, found ${found.length}`);
  return found[0];
}

const page = readFileSync(join(dist, 'index.html'), 'utf8');

// Trunk's loader: `import init, * as bindings from './annals-<hash>.js';`
// and `init({ module_or_path: './annals-<hash>_bg.wasm' })`.
const loader = only(page, /<script type="module">[\s\S]*?<\/script>/, 'Trunk loader script')[0];
const coreName = only(loader, /from '\.\/([\w.-]+\.js)'/, 'wasm-bindgen module import')[1];
const wasmName = only(loader, /module_or_path: '\.\/([\w.-]+\.wasm)'/, 'wasm file')[1];
const stylesheet = only(page, /<link rel="stylesheet" href="\.\/([\w.-]+\.css)"[^>]*>/, 'style sheet link');

const written = [];
function write(name, content) {
  writeFileSync(join(dist, name), content);
  written.push(name);
}

// annals.js and its types.
const module = readFileSync(new URL('embed/annals.js', here), 'utf8')
  .replaceAll('__ANNALS_CORE__', coreName)
  .replaceAll('__ANNALS_WASM__', wasmName);
if (/__ANNALS_\w+__/.test(module)) fail('a placeholder is left in annals.js');
write('annals.js', module);
write('annals.d.ts', readFileSync(new URL('embed/annals.d.ts', here)));

// annals.html: not for a split index, whose pieces are fetched beside the
// page (a file opened from disk cannot fetch them).
if (existsSync(join(dist, 'pieces'))) {
  for (const name of written) console.log(`    wrote ${join(dist, name)}`);
  console.log('    no annals.html: the index is split into pieces/, which a page opened from disk cannot fetch');
  process.exit(0);
}
const core = readFileSync(join(dist, coreName), 'utf8');
const css = readFileSync(join(dist, stylesheet[1]), 'utf8');
const wasm = readFileSync(join(dist, wasmName));
// Inside <script> and <style> only these sequences could end the element
// early or change how the HTML parser reads it; none is expected in
// generated code, so finding one stops the build rather than guessing.
for (const [name, text, bad] of [['the wasm-bindgen module', core, /<\/script|<!--/i], ['the style sheet', css, /<\/style/i]]) {
  if (bad.test(text)) fail(`${name} contains ${bad}, which cannot be inlined as is`);
}
const packed = gzipSync(wasm, { level: 9 }).toString('base64');
const inlineLoader = `<script type="module">
${core}
// The WebAssembly module, gzip-compressed and base64-coded, started from
// these bytes: nothing is fetched, so this page works from disk.
const packed = '${packed}';
const gzipped = Uint8Array.fromBase64 ? Uint8Array.fromBase64(packed) : (() => {
  const text = atob(packed);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
})();
const unpacked = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));
await __wbg_init({ module_or_path: await new Response(unpacked).arrayBuffer() });
</script>`;
let single = page
  .replace(loader, '')
  .replace(stylesheet[0], () => `<style>\n${css}\n</style>`)
  .replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, '');
if (/<link rel="(?:modulepreload|preload|stylesheet)"|<script[^>]+src=/.test(single)) fail('annals.html would still load a file');
if (!single.includes('</body>')) fail('index.html has no </body>');
single = single.replace('</body>', () => `${inlineLoader}\n</body>`);
write('annals.html', single);

for (const name of written) console.log(`    wrote ${join(dist, name)}`);
