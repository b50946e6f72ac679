// Text is data, never markup: a site built from a corpus whose text,
// titles, metadata, facet values and ids carry script payloads
// (tests/e2e/hostile-corpus/, built by `cargo xtask test` into the folder
// ANNALS_HOSTILE_DIST names), searched with payloads in the query and the
// address, on the page, in the one-file build and in a mounted explorer.
// Every payload would set window.__pwned or open a dialog if it ran; none
// may, and the payloads must be on screen as text.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { assertNoProblems, closeSite, openApp, openBrowser, serveDirectory, watchPage } from './helpers.mjs';

const hostileDist = process.env.ANNALS_HOSTILE_DIST;
const skip = hostileDist ? false : 'ANNALS_HOSTILE_DIST is not set (cargo xtask test builds the hostile site and sets it)';

const PAYLOAD_QUERIES = [
  '<script>window.__pwned="query"</script> Robertson',
  '"><img src=x onerror="window.__pwned=\'query attribute\'"> Robertson',
  'source:"<svg onload=alert(1)>"',
  'javascript:alert(1)',
];

/** Nothing ran: no payload set the flag, no element carries an event handler attribute, no dialog opened. */
async function assertNothingRan(page, problems, where) {
  // Give an onerror/onload a moment to fire, if one was ever created.
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `a payload ran (${where})`);
  const handlers = await page.evaluate(() => {
    const found = [];
    const visit = (root) => {
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
          const url = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(attribute.name);
          if (attribute.name.startsWith('on') || (url && /^\s*javascript:/i.test(attribute.value))) {
            found.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
          }
        }
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found;
  });
  assert.deepEqual(handlers, [], `elements made from corpus text (${where})`);
  assert.deepEqual(problems.dialogs, [], `a dialog opened (${where})`);
  assert.deepEqual(problems.pageErrors, [], `an error (${where})`);
}

/** Opens every hit of the list in the reader and back, inside `root` (a page or a locator). */
async function readEveryHit(root) {
  const open = root.getByRole('button', { name: 'Open in the reader' });
  const count = await open.count();
  for (let i = 0; i < count; i += 1) {
    await open.nth(i).click();
    await root.locator('.reader').waitFor();
    await root.getByRole('button', { name: '← Back to the list' }).click();
  }
  return count;
}

describe('script payloads in a hostile corpus never run', { skip }, () => {
  let server, browser;
  before(async () => {
    await stat(join(hostileDist, 'index.html'));
    server = await serveDirectory({ dir: hostileDist });
    browser = await openBrowser();
  });
  after(() => closeSite({ server, browser }));

  test('the page: results, reader, facets, every view, payloads as text', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await openApp(page, server.url);
    await assertNothingRan(page, problems, 'opening view');
    const app = page.locator('#app');
    // The corpus title and description are text.
    assert.match(await app.innerText(), /<img src=x onerror="window.__pwned='corpus title'">Hostile corpus/);
    for (const query of ['Robertson', ...PAYLOAD_QUERIES]) {
      await page.getByLabel('Search the documents').fill(query);
      await page.keyboard.press('Enter');
      await page.waitForFunction((q) => document.querySelector('section.results')?.dataset.query === q, query);
      await readEveryHit(page);
      await assertNothingRan(page, problems, `query ${query}`);
    }
    await page.getByLabel('Search the documents').fill('Robertson');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('section.results')?.dataset.query === 'Robertson');
    assert.equal(await readEveryHit(page), 4);
    const text = await app.innerText();
    assert.match(text, /<script>window.__pwned='title'<\/script>Payload in the title/);
    assert.match(text, /<svg onload="window.__pwned='facet'">/);
    for (const view of ['kwic', 'terms']) {
      await openApp(page, `${server.url}?q=Robertson&view=${view}`);
      await assertNothingRan(page, problems, `view ${view}`);
    }
    assertNoProblems(problems);
    await page.close();
  });

  test('the address: payloads in q, filters, dates, doc, view and trends', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    const e = encodeURIComponent;
    const addresses = [
      `?q=${e('<script>window.__pwned="q"</script>')}`,
      `?q=Robertson&f=${e('source:<svg onload="window.__pwned=\'f\'">')}&x=${e('tags:<img src=x onerror=alert(1)>')}`,
      `?q=Robertson&doc=${e('<img src=x onerror="window.__pwned=\'id\'">')}`,
      `?q=Robertson&doc=${e("javascript:window.__pwned='href-id'")}`,
      `?q=Robertson&from=${e('<img src=x onerror=alert(1)>')}&to=2000-13-45&sort=${e('<b>')}&view=${e('<script>')}`,
      `?trends=${e('<img src=x onerror="window.__pwned=\'trends\'">,Robertson')}`,
      `?q=Robertson#<img src=x onerror=alert(1)>`,
    ];
    for (const address of addresses) {
      await openApp(page, `${server.url}${address}`);
      await assertNothingRan(page, problems, address);
    }
    assertNoProblems(problems);
    await page.close();
  });

  test('annals.html, the one-file build, opened from disk', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'annals-hostile-one-file-'));
    try {
      await copyFile(join(hostileDist, 'annals.html'), join(folder, 'annals.html'));
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      const url = pathToFileURL(join(folder, 'annals.html')).href;
      await openApp(page, `${url}?q=Robertson`);
      assert.equal(await readEveryHit(page), 4);
      await assertNothingRan(page, problems, 'annals.html');
      assert.match(await page.locator('#app').innerText(), /Payload in the title/);
      assertNoProblems(problems);
      await page.close();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('a mounted explorer, with payloads in its query and filters', async () => {
    const page = await browser.context.newPage();
    const host = `${new URL(server.url).pathname}hostile-host.html`;
    await page.route((url) => url.pathname === host, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>
        <div id="here"></div><div id="there"></div>
        <script type="module">
          import { init, mount } from './annals.js';
          await init();
          mount(document.getElementById('here'), { query: 'Robertson' });
          mount(document.getElementById('there'), {
            query: '<img src=x onerror="window.__pwned=\\'mount query\\'">',
            filters: [{ field: 'source', anyOf: ['<svg onload="window.__pwned=\\'mount filter\\'">'] }],
          });
        </script>`,
    }));
    const problems = watchPage(page);
    await page.goto(`${server.url}hostile-host.html`);
    await page.locator('#here .app[data-ready-ms]').waitFor({ timeout: 30_000 });
    await page.locator('#there .app[data-ready-ms]').waitFor({ timeout: 30_000 });
    assert.equal(await readEveryHit(page.locator("#here")), 4);
    // Closing the reader goes back to the hit it was opened from, inside the
    // explorer's shadow root (not a search of the host's document).
    const here = page.locator('#here');
    const firstId = await here.locator('li.hit[data-doc-id]').first().getAttribute('data-doc-id');
    await here.getByRole('button', { name: 'Open in the reader' }).first().click();
    await here.locator('.reader').waitFor();
    await here.getByRole('button', { name: '← Back to the list' }).click();
    await page.waitForFunction((id) => document.querySelector('#here').shadowRoot.activeElement?.dataset.docId === id, firstId, { timeout: 5_000 });
    await assertNothingRan(page, problems, 'mounted explorers');
    assert.match(await page.evaluate(() => document.querySelector('#here').shadowRoot.textContent), /Payload in the title/);
    assertNoProblems(problems);
    await page.close();
  });
});
