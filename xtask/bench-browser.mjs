// Times a built site in headless Chromium through its embedding module:
// milliseconds from navigation to ready-to-search (`await init()` resolved),
// then each query of a file through `search(q, {limit: 10})`, warmed up and
// run many times, with p50 and p99 per query and over all runs. Also the
// start-up of the one-file annals.html opened from disk.
//
// Usage: node xtask/bench-browser.mjs DIST QUERIES.txt   (cargo xtask bench)
// Uses the end-to-end tests' server and browser (tests/e2e/helpers.mjs).

import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { openBrowser, serveDirectory, watchPage } from '../tests/e2e/helpers.mjs';

const [distArg, queriesArg] = process.argv.slice(2);
if (!distArg || !queriesArg) {
  console.error('usage: node xtask/bench-browser.mjs DIST QUERIES.txt');
  process.exit(2);
}
const dist = resolve(distArg);
const queries = (await readFile(queriesArg, 'utf8')).split('\n').map((line) => line.trim()).filter(Boolean);
const LOADS = 5;
const WARM_UP = 3;
const RUNS = 100;

// The page under test: nothing but the module and its start.
await writeFile(join(dist, 'bench.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"><script type="module" src="bench.js"></script>\n');
// The first search also builds the engine's forward view and stem map
// (once per page): timed apart.
await writeFile(
  join(dist, 'bench.js'),
  "import { init, search } from './annals.js';\nawait init();\nconst ready = performance.now();\nsearch('oil', { limit: 10 });\nconst html = document.documentElement;\nhtml.dataset.firstSearchMs = (performance.now() - ready).toFixed(1);\nhtml.dataset.readyMs = ready.toFixed(1);\n",
);

// Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs.
const server = await serveDirectory({
  dir: dist,
  headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
});
const browser = await openBrowser();

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (value) => value.toFixed(2).padStart(8);

try {
  const ready = [];
  const firstSearch = [];
  for (let load = 0; load < LOADS; load += 1) {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}bench.html`);
    const mark = await page.locator('html[data-ready-ms]').getAttribute('data-ready-ms', { timeout: 120_000 });
    ready.push(Number(mark));
    firstSearch.push(Number(await page.locator('html').getAttribute('data-first-search-ms')));
    if (problems.consoleErrors.length || problems.pageErrors.length) throw new Error(JSON.stringify(problems));
    if (load < LOADS - 1) await page.close();
    else {
      const isolated = await page.evaluate(() => crossOriginIsolated);
      console.log(`\nannals.js over HTTP, ${LOADS} loads (no cache): ms from navigation to init() resolved: ${ready.map((v) => v.toFixed(0)).join(', ')}; median ${[...ready].sort((a, b) => a - b)[LOADS >> 1].toFixed(0)} ms`);
      console.log(`first search('oil') after init(), which also builds the forward view and the stem map: ${firstSearch.map((v) => v.toFixed(0)).join(', ')}; median ${[...firstSearch].sort((a, b) => a - b)[LOADS >> 1].toFixed(0)} ms`);
      const timings = await page.evaluate(async ({ queries, WARM_UP, RUNS }) => {
        const { search } = await import('./annals.js');
        const rows = [];
        for (const query of queries) {
          let total = 0;
          for (let i = 0; i < WARM_UP; i += 1) total = search(query, { limit: 10 }).total;
          const runs = [];
          for (let i = 0; i < RUNS; i += 1) {
            const start = performance.now();
            search(query, { limit: 10 });
            runs.push(performance.now() - start);
          }
          rows.push({ query, total, runs });
        }
        return rows;
      }, { queries, WARM_UP, RUNS });
      console.log(`search(q, {limit: 10}): ${WARM_UP} warm-up + ${RUNS} timed runs per query (timer steps: ${isolated ? '5 µs, cross-origin isolated' : '100 µs'})`);
      console.log(`    ${'query'.padEnd(40)} ${'hits'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
      const all = [];
      for (const { query, total, runs } of timings) {
        const sorted = [...runs].sort((a, b) => a - b);
        all.push(...sorted);
        console.log(`    ${query.slice(0, 40).padEnd(40)} ${String(total).padStart(6)} ${ms(percentile(sorted, 50))} ${ms(percentile(sorted, 99))}`);
      }
      all.sort((a, b) => a - b);
      console.log(`    ${'all queries'.padEnd(40)} ${''.padStart(6)} ${ms(percentile(all, 50))} ${ms(percentile(all, 99))}`);
      await page.close();
    }
  }

  // The one-file page, alone in a folder, from disk.
  const folder = await mkdtemp(join(tmpdir(), 'annals-bench-'));
  try {
    await copyFile(join(dist, 'annals.html'), join(folder, 'annals.html'));
    const marks = [];
    for (let load = 0; load < 3; load += 1) {
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(join(folder, 'annals.html')).href);
      await page.locator('#app[data-ready-ms]').waitFor({ timeout: 120_000 });
      marks.push(Number(await page.locator('#app').getAttribute('data-ready-ms')));
      await page.close();
    }
    console.log(`annals.html from file://, 3 loads: ms from navigation to the app's first render: ${marks.map((v) => v.toFixed(0)).join(', ')}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
} finally {
  await browser.close();
  await server.close();
  await rm(join(dist, 'bench.html'), { force: true });
  await rm(join(dist, 'bench.js'), { force: true });
}
