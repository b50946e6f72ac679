// Prints the size of every file of a built site: raw, gzip -9 and brotli
// (quality 11), and the totals — what a static host would send over the wire.
// Usage: node xtask/sizes.mjs DIR [--json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const [dir, flag] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node xtask/sizes.mjs DIR [--json]');
  process.exit(2);
}

function* files(folder) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const rows = [];
for (const path of files(dir)) {
  const bytes = readFileSync(path);
  rows.push({
    file: relative(dir, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  });
}
const total = rows.reduce((sum, row) => ({ file: 'total', raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }), { raw: 0, gzip: 0, brotli: 0 });

// The page a visitor opens: index.html and the files it links to (style
// sheet, JS glue, WebAssembly) — what goes over the wire before the
// explorer can search.
let page = null;
const indexRow = rows.find((r) => r.file === 'index.html');
if (indexRow) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const linked = new Set([...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1]));
  const parts = rows.filter((r) => r.file === 'index.html' || linked.has(r.file));
  page = parts.reduce((sum, row) => ({ file: 'the page (index.html + what it links)', raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

if (flag === '--json') {
  console.log(JSON.stringify({ files: rows, total, page }));
} else {
  const line = (r) => `    ${r.file.padEnd(44)} ${String(r.raw).padStart(11)} ${String(r.gzip).padStart(11)} ${String(r.brotli).padStart(11)}`;
  console.log(`    ${'file'.padEnd(44)} ${'raw bytes'.padStart(11)} ${'gzip -9'.padStart(11)} ${'brotli 11'.padStart(11)}`);
  // A split site's pieces are thousands of files: one line for them all,
  // with the largest, rather than a line each.
  const pieces = rows.filter((r) => r.file.startsWith('pieces/'));
  rows.filter((r) => !r.file.startsWith('pieces/')).forEach((r) => console.log(line(r)));
  if (pieces.length) {
    const sum = (key) => pieces.reduce((s, r) => s + r[key], 0);
    console.log(line({ file: `pieces/ (${pieces.length} files)`, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') }));
    const largest = pieces.reduce((a, b) => (b.raw > a.raw ? b : a));
    console.log(line({ ...largest, file: `  the largest, ${largest.file.slice('pieces/'.length)}` }));
  }
  console.log(line(total));
  if (page) console.log(line(page));
}
