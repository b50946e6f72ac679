// Shared helpers for the end-to-end tests: a tiny static server for the
// built dist/ (under a sub-path, as a static host would serve it), headless
// Chromium through playwright-core, and the few actions a person takes on
// the page (type, press, read). Only loopback addresses are ever used.

import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, stat, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

import { chromium } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = resolve(process.env.ANNALS_DIST ?? join(repoRoot, 'dist'));
export const screenshotsDir = join(repoRoot, 'tests', 'e2e', 'screenshots');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// The site is served below this prefix to prove that dist/ works from any
// sub-path, not only from a host's root.
export const SUB_PATH = '/sub/path/';

// The seed corpus's stable ids (its file names).
export const SEED = {
  monitor_1999_07_21: '003_7f0074e24eaea6d2.txt',
  monitor_2000_02_09: '000_f60c8a798409cdc8.txt',
  monitor_2000_02_17: '001_754eee55ac53f941.txt',
  monitor_2000_12_20: '002_3f28e97e102e8240.txt',
  nato_review_2001: '004_8b2f1731b81e9c48.txt',
};

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Fails early, with the fix, when there is no built site to test. */
export async function requireDist(dir = distDir) {
  try {
    await stat(join(dir, 'index.html'));
  } catch {
    throw new Error(`no built site at ${dir}: run \`trunk build --release\` first (or set ANNALS_DIST)`);
  }
}

/**
 * Serves `dir` at http://127.0.0.1:<random port><prefix>. Anything outside
 * the prefix is a 404, like a host where the site is one folder among many;
 * so is any file whose name matches `refuse` (to test a failed load).
 * `headers` are added to every file served.
 */
export async function serveDirectory({ dir = distDir, prefix = SUB_PATH, refuse = null, headers = {} } = {}) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    if (path === prefix.slice(0, -1)) {
      response.writeHead(301, { location: prefix }).end();
      return;
    }
    if (!path.startsWith(prefix)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const relative = path.slice(prefix.length) || 'index.html';
    if (refuse?.test(relative)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('refused for this test');
      return;
    }
    const file = resolve(root, relative.endsWith('/') ? relative + 'index.html' : relative);
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers,
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/**
 * Starts headless Chromium with a fresh profile directory and returns its
 * one browser context; `close()` also removes the profile.
 */
export async function openBrowser({ width = 1280, height = 900, colorScheme = 'light' } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'annals-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width, height },
    colorScheme,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * What most suites start with: the built site served at a sub-path, a
 * browser, and (unless `withPage` is false) one page watched for problems.
 * Close it with closeSite() after the suite.
 */
export async function openSite({ dir, requireSite = true, withPage = true } = {}) {
  if (requireSite) await requireDist(dir);
  const server = await serveDirectory(dir ? { dir } : {});
  const browser = await openBrowser();
  if (!withPage) return { server, browser };
  const page = await browser.context.newPage();
  return { server, browser, page, problems: watchPage(page) };
}

/** Closes what openSite() opened; either part may be missing. */
export async function closeSite({ server, browser } = {}) {
  await browser?.close();
  await server?.close();
}

/**
 * Records what would mean the page is broken: console errors, uncaught
 * exceptions and any dialog (an `alert` from injected markup would show up
 * here). Dialogs are dismissed so the page carries on.
 */
export function watchPage(page) {
  const problems = { consoleErrors: [], pageErrors: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('dialog', async (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  return problems;
}

/** Asserts that nothing went wrong on the page so far. */
export function assertNoProblems(problems) {
  assert.deepEqual(problems.dialogs, [], 'no dialog may open');
  assert.deepEqual(problems.pageErrors, [], 'no uncaught error');
  assert.deepEqual(problems.consoleErrors, [], 'no console error');
}

/** Opens the page and waits until the app says it is ready. */
export async function openApp(page, url) {
  await page.goto(url);
  await page.locator('#app[data-ready-ms]').waitFor({ timeout: 30_000 });
  return page;
}

/** The search box, found as a person finds it: by its label. */
export function searchBox(page) {
  return page.getByLabel('Search the documents');
}

/**
 * Types `text` into the search box the way a person does (replacing what is
 * there, one key at a time) and waits until the page shows its results.
 */
export async function typeQuery(page, text) {
  const box = searchBox(page);
  await box.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 15 });
  await waitForResultsOf(page, text);
}

/** Waits until the results area shows the answer to `text`. */
export async function waitForResultsOf(page, text) {
  await page.waitForFunction(
    (query) => document.querySelector('section.results')?.dataset.query === query,
    text.trim(),
    { timeout: 10_000 },
  );
}

/** What the results area currently shows: overview, results, no-results. */
export function currentView(page) {
  return page.locator('section.results').getAttribute('data-view');
}

/** The ids of the documents listed, in order. */
export function hitIds(page) {
  return page.$$eval('[data-doc-id]', (hits) => hits.map((hit) => hit.dataset.docId));
}

/** The texts inside `<mark>` in the snippet of the hit with this id. */
export function markedWords(page, id) {
  return page.$$eval(`[data-doc-id="${id}"] .snippet mark`, (marks) => marks.map((mark) => mark.textContent));
}

/** The visible hit count line ("4 documents"). */
export async function hitCountText(page) {
  return (await page.locator('#hit-count').innerText()).trim();
}

/** Writes a full-page screenshot to tests/e2e/screenshots/<name>.png. */
export async function screenshot(page, name) {
  await mkdir(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page is wider than its window (a horizontal scrollbar). */
export function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; returns its serious and critical violations. */
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The pairs of the timeline's visible axis labels whose boxes overlap, as
 * "1816 / 1867" strings: empty when every label can be read.
 */
export function overlappingTickLabels(page) {
  return page.$$eval('.timeline .tick', (ticks) => {
    const boxes = ticks
      .filter((t) => t.getClientRects().length > 0 && getComputedStyle(t).visibility !== 'hidden')
      .map((t) => ({ text: t.textContent.trim(), box: t.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].box, boxes[j].box];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
          overlaps.push(`${boxes[i].text} / ${boxes[j].text}`);
        }
      }
    }
    return overlaps;
  });
}
