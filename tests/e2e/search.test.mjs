// Searching the seed corpus as a reader would: type, read the hits, reload,
// use the keyboard. The five seed documents and what they contain are
// described in the project's seed notes; these tests pin what a person sees.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  SEED, assertNoProblems, closeSite, currentView, hitCountText, hitIds, markedWords, openApp, openSite,
  searchBox, typeQuery, waitForResultsOf,
} from './helpers.mjs';

describe('searching the seed corpus', () => {
  let server, browser, page, problems;
  before(async () => {
    ({ server, browser, page, problems } = await openSite());
    await openApp(page, server.url);
  });
  after(() => closeSite({ server, browser }));

  test('the static page says it is loading until the app replaces that', async () => {
    const html = await (await fetch(server.url)).text();
    assert.match(html, /Loading the corpus index/);
    assert.equal(await page.locator('.loading').count(), 0);
    assert.equal(await page.locator('#app').getAttribute('aria-busy'), null);
  });

  test('before any query the page describes the corpus', async () => {
    assert.equal(await currentView(page), 'overview');
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    assert.match(heading, /NATO.Russia/);
    const facts = await page.locator('.facts').innerText();
    assert.match(facts, /Documents\s+5/i);
    assert.match(facts, /21 Jul 1999 – 15 May 2001/);
    assert.match(facts, /Undated\s+0/i);
    // The trends box's example speaks of this corpus: its two most frequent words.
    assert.equal(await page.locator('#trend-terms').getAttribute('placeholder'), 'nato, russia');
    assert.equal(await hitIds(page).then((ids) => ids.length), 0);
    assertNoProblems(problems);
  });

  test('a question typed as a sentence lists its best matches and says so', async () => {
    await typeQuery(page, 'What did Robertson say about the Permanent Joint Council meeting in Moscow?');
    assert.equal(await currentView(page), 'results');
    const ids = await hitIds(page);
    assert.deepEqual(ids.slice(0, 2).sort(), [SEED.monitor_2000_12_20, SEED.nato_review_2001].sort(), `first two of ${ids}`);
    const notices = await page.locator('section.results').innerText();
    assert.match(notices, /no document has all of these words: what, did, robertson, say, about, permanent, joint, council, meeting, moscow/);
    assert.match(notices, /in no document: did/);
    assertNoProblems(problems);
  });

  test('Robertson finds exactly the four documents that name him, marked', async () => {
    await typeQuery(page, 'Robertson');
    assert.equal(await currentView(page), 'results');
    const ids = await hitIds(page);
    assert.deepEqual(
      [...ids].sort(),
      [SEED.monitor_2000_02_09, SEED.monitor_2000_02_17, SEED.monitor_2000_12_20, SEED.nato_review_2001].sort(),
    );
    assert.equal(await hitCountText(page), '4 documents');
    for (const id of ids) {
      const marks = await markedWords(page, id);
      assert.ok(marks.some((word) => /^Robertson/i.test(word)), `${id} marks Robertson in its snippet (marks: ${marks})`);
    }
    // Each hit shows a title and a date at its precision.
    const first = page.locator(`[data-doc-id="${ids[0]}"]`);
    assert.ok((await first.locator('.hit-title').innerText()).trim().length > 0);
    assert.match(await first.locator('time').innerText(), /\d{4}/);
    assert.match(page.url(), /\?q=Robertson$/);
    assertNoProblems(problems);
  });

  test('Stepashin finds the July 1999 Monitor alone', async () => {
    await typeQuery(page, 'Stepashin');
    assert.deepEqual(await hitIds(page), [SEED.monitor_1999_07_21]);
    assert.equal(await hitCountText(page), '1 document');
    assert.match(await page.locator(`[data-doc-id="${SEED.monitor_1999_07_21}"] time`).innerText(), /21 Jul 1999/);
    assertNoProblems(problems);
  });

  test('a hit can be read in full, and closed again', async () => {
    await typeQuery(page, 'Stepashin');
    const hit = page.locator(`[data-doc-id="${SEED.monitor_1999_07_21}"]`);
    const toggle = hit.getByRole('button', { name: 'Show the full text here' });
    await toggle.click();
    assert.equal(await hit.getByRole('button', { name: 'Hide the full text' }).getAttribute('aria-expanded'), 'true');
    const text = await hit.locator('.doc-text').innerText();
    assert.ok(text.length > (await hit.locator('.snippet').innerText()).length, 'the whole text is longer than its snippet');
    assert.match(text, /Stepashin/);
    await hit.getByRole('button', { name: 'Hide the full text' }).click();
    assert.equal(await hit.locator('.doc-text').count(), 0);
    assertNoProblems(problems);
  });

  test('Yeltsin is in no document: the page says so', async () => {
    await typeQuery(page, 'Yeltsin');
    assert.equal(await currentView(page), 'no-results');
    assert.deepEqual(await hitIds(page), []);
    assert.match(await page.locator('section.results').innerText(), /Nothing found for “Yeltsin”/);
    assert.equal(await hitCountText(page), '0 documents');
    assertNoProblems(problems);
  });

  test('a misspelling offers the engine’s suggestion, and clicking it searches', async (t) => {
    await typeQuery(page, 'Robertsn');
    const suggestion = page.locator('.suggestion button');
    if ((await suggestion.count()) === 0) {
      t.skip('the engine offered no suggestion for "Robertsn"');
      return;
    }
    const suggested = (await suggestion.innerText()).trim();
    await suggestion.click();
    await waitForResultsOf(page, suggested);
    assert.equal(await searchBox(page).inputValue(), suggested);
    assert.ok((await hitIds(page)).length > 0, `the suggestion "${suggested}" finds something`);
    assertNoProblems(problems);
  });

  test('reloading the address of a search shows the same results', async () => {
    await typeQuery(page, 'Robertson');
    const before = await hitIds(page);
    await page.reload();
    await page.locator('#app[data-ready-ms]').waitFor();
    assert.equal(await searchBox(page).inputValue(), 'Robertson');
    assert.deepEqual(await hitIds(page), before);
    assert.equal(await hitCountText(page), '4 documents');
    assertNoProblems(problems);
  });

  test('ordering by date lists the same hits newest or oldest first, and survives a reload', async () => {
    await typeQuery(page, 'Robertson');
    const byRelevance = await hitIds(page);
    await page.getByLabel('Order').selectOption({ label: 'Newest first' });
    await page.waitForURL(/sort=newest/);
    const dates = () => page.$$eval('[data-doc-id] time', (times) => times.map((time) => time.getAttribute('datetime')));
    const newest = await dates();
    assert.deepEqual(newest, [...newest].sort().reverse());
    assert.deepEqual([...(await hitIds(page))].sort(), [...byRelevance].sort());
    await page.reload();
    await page.locator('#app[data-ready-ms]').waitFor();
    assert.equal(await page.getByLabel('Order').inputValue(), 'newest');
    assert.deepEqual(await dates(), newest);
    await page.getByLabel('Order').selectOption({ label: 'Oldest first' });
    await page.waitForURL(/sort=oldest/);
    assert.deepEqual(await dates(), [...newest].reverse());
    await page.getByLabel('Order').selectOption({ label: 'Best match' });
    await page.waitForURL((url) => !url.search.includes('sort='));
    assert.deepEqual(await hitIds(page), byRelevance);
    assertNoProblems(problems);
  });

  test('a link with an encoded query (+ and %-escapes) opens that search', async () => {
    await openApp(page, `${server.url}?q=Lord+Robertson%E2%80%99s`);
    assert.equal(await searchBox(page).inputValue(), 'Lord Robertson’s');
    assert.equal(await currentView(page), 'results');
    assert.ok((await hitIds(page)).length > 0);
    // The page writes spaces back as "+", so the address stays readable.
    await typeQuery(page, 'Permanent Joint Council');
    assert.match(page.url(), /\?q=Permanent\+Joint\+Council$/);
    assertNoProblems(problems);
  });

  test('Enter searches at once; Escape clears back to the overview', async () => {
    const box = searchBox(page);
    await box.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Stepashin');
    await page.keyboard.press('Enter');
    await waitForResultsOf(page, 'Stepashin');
    assert.deepEqual(await hitIds(page), [SEED.monitor_1999_07_21]);
    await page.keyboard.press('Escape');
    await waitForResultsOf(page, '');
    assert.equal(await box.inputValue(), '');
    assert.equal(await currentView(page), 'overview');
    assert.ok(!page.url().includes('q='), `the query left the address (${page.url()})`);
    assertNoProblems(problems);
  });

  test('"/" from anywhere on the page focuses the search box', async () => {
    await page.locator('h1').click();
    await page.evaluate(() => document.activeElement?.blur());
    assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'search-box');
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-box');
    // The slash is a shortcut, not a character typed into the box.
    assert.equal(await searchBox(page).inputValue(), '');
    assertNoProblems(problems);
  });
});
