// No input can break the page: markup in a query or in the address is shown
// as text and never run, odd syntax becomes a message rather than an error,
// and the page keeps working afterwards.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  SEED, assertNoProblems, closeSite, currentView, hitIds, openApp, openSite, searchBox, serveDirectory,
  typeQuery, watchPage,
} from './helpers.mjs';

const HOSTILE_QUERIES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '(((',
  ')))',
  '"',
  '"unclosed phrase',
  'NOT',
  'AND OR NOT',
  '*',
  '~~~',
  'a'.repeat(2000),
  '\u202e\u0000\ufeff',
  'Robertson'.repeat(100),
  'title:',
  ':::',
];

describe('hostile and malformed input', () => {
  let server, browser, page, problems;
  before(async () => {
    ({ server, browser, page, problems } = await openSite());
    await openApp(page, server.url);
  });
  after(() => closeSite({ server, browser }));

  for (const query of HOSTILE_QUERIES) {
    const label = query.length > 40 ? `${query.slice(0, 20)}… (${query.length} characters)` : query;
    test(`typing ${JSON.stringify(label)} leaves the page working`, async () => {
      await searchBox(page).fill('');
      // Long queries and invisible characters are pasted, as a person would,
      // not typed key by key.
      if (query.length > 100 || /[\u0000-\u001f\u202e\ufeff]/.test(query)) {
        await searchBox(page).fill(query);
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.querySelector('section.results')?.dataset.query !== '');
      } else {
        await typeQuery(page, query);
      }
      assert.ok(['results', 'no-results', 'overview'].includes(await currentView(page)));
      // No element was created from the query's markup.
      assert.equal(await page.locator('section.results script, section.results img').count(), 0);
      // And the page still searches.
      await typeQuery(page, 'Stepashin');
      assert.deepEqual(await hitIds(page), [SEED.monitor_1999_07_21]);
      assertNoProblems(problems);
    });
  }

  test('what the engine ignored is said once, politely', async (t) => {
    await typeQuery(page, '(((');
    const notices = await page.locator('.notices li').allInnerTexts();
    if (notices.length === 0) {
      t.skip('the engine gave no notice for "((("');
      return;
    }
    assert.equal(new Set(notices).size, notices.length, `no notice repeated: ${notices}`);
    assert.equal(await page.locator('.notices').getAttribute('aria-live'), 'polite');
    assertNoProblems(problems);
  });

  test('markup in the query shows as those characters', async () => {
    await typeQuery(page, '<script>alert(1)</script>');
    const shown = await page.locator('section.results').innerText();
    if ((await currentView(page)) === 'no-results') {
      assert.ok(shown.includes('<script>alert(1)</script>'), `the heading repeats the query as text: ${shown}`);
    }
    assert.equal(await page.locator('#app script').count(), 0);
    assertNoProblems(problems);
  });

  test('markup in the address is shown, not run', async () => {
    const query = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await openApp(page, `${server.url}?q=${encodeURIComponent(query)}`);
    assert.equal(await searchBox(page).inputValue(), query);
    assert.equal(await page.locator('#app img, #app script').count(), 0);
    assert.equal(await page.title().then((title) => title.includes(query)), true, 'the tab title carries the query as text');
    await typeQuery(page, 'Robertson');
    assert.equal((await hitIds(page)).length, 4);
    assertNoProblems(problems);
  });

  test('a module that cannot load gives a message, not an endless spinner', async () => {
    const broken = await serveDirectory({ refuse: /\.wasm$/ });
    const other = await browser.context.newPage();
    watchPage(other); // the refused file is an expected error here
    try {
      await other.goto(broken.url);
      await other.locator('#fatal').waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await other.locator('#fatal').innerText(), /could not start/);
      assert.equal(await other.locator('.loading').count(), 0, 'no spinner once loading has failed');
    } finally {
      await other.close();
      await broken.close();
    }
  });
});
