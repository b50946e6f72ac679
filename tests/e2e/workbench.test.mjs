// The analyst's workbench on the seed corpus: the timeline, facets and chips,
// the reader, keyword in context, the URL holding the whole state, the JS
// analytics API, the phone width, and an axe-core accessibility audit.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import {
  SEED, assertNoProblems, closeSite, hitIds, openApp, openSite, repoRoot, screenshot, scrollsSideways,
  seriousViolations, typeQuery, waitForResultsOf,
} from './helpers.mjs';

/** The timeline's bars as {start, end, count}. */
function bars(page) {
  return page.$$eval('.timeline .bar', (gs) => gs.map((g) => ({
    start: g.dataset.start, end: g.dataset.end, count: Number(g.dataset.count),
  })));
}

/** Sorted 3-character prefixes of the listed hits' ids. */
async function shortIds(page) {
  return (await hitIds(page)).map((id) => id.slice(0, 3)).sort();
}

/** Waits until the listed hits are `ids` (3-character prefixes). */
async function waitForIds(page, ids) {
  await page.waitForFunction(
    (want) => JSON.stringify([...document.querySelectorAll('li.hit[data-doc-id]')].map((h) => h.dataset.docId.slice(0, 3)).sort()) === JSON.stringify(want),
    ids,
    { timeout: 10_000 },
  );
}

describe('workbench', () => {
  let server, browser, page, problems;
  before(async () => {
    ({ server, browser, page, problems } = await openSite());
  });
  after(() => closeSite({ server, browser }));

  test('the opening view charts five documents from 1999 to 2001 and lists frequent words', async (t) => {
    await openApp(page, server.url);
    const all = await bars(page);
    assert.equal(all.reduce((sum, b) => sum + b.count, 0), 5);
    const dated = all.filter((b) => b.count > 0);
    assert.equal(dated[0].start.slice(0, 4), '1999');
    assert.equal(dated.at(-1).start.slice(0, 4), '2001');
    assert.match(await page.locator('.timeline-undated').innerText(), /Undated: 0/);
    assert.ok(await page.locator('.overview-terms [data-term="nato"]').count(), 'frequent words include nato');
    t.diagnostic(await screenshot(page, 'workbench-overview-1280'));
    assertNoProblems(problems);
  });

  test('brushing the bars of 2000 leaves 000, 001 and 002; the chip removes it', async () => {
    await openApp(page, server.url);
    const all = await bars(page);
    const first = all.findIndex((b) => b.start.startsWith('2000'));
    const last = all.findLastIndex((b) => b.start.startsWith('2000'));
    const gs = page.locator('.timeline .bar');
    // Press on the first bar of 2000 and release on the last (a brush).
    await gs.nth(first).locator('.bar-slot').hover();
    await page.mouse.down();
    await gs.nth(last).locator('.bar-slot').hover();
    await page.mouse.up();
    await waitForIds(page, ['000', '001', '002']);
    const chip = page.locator('.chip.range');
    assert.match(await chip.innerText(), /2000/);
    assert.match(page.url(), /from=2000-01-01/);
    await chip.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('section.results')?.dataset.view === 'overview');
    assertNoProblems(problems);
  });

  test('the date fields select 2000: 000, 001 and 002', async () => {
    await openApp(page, server.url);
    await page.getByLabel('From', { exact: true }).fill('2000-01-01');
    await page.getByLabel('To', { exact: true }).fill('2000-12-31');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitForIds(page, ['000', '001', '002']);
    assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '2000-01-01');
    await page.getByRole('button', { name: 'All dates' }).click();
    await page.waitForFunction(() => document.querySelector('section.results')?.dataset.view === 'overview');
    assertNoProblems(problems);
  });

  test('a click on one bar filters to its dates; the by-year API agrees', async () => {
    await openApp(page, server.url);
    const api = await page.evaluate(() => window.wasmBindings?.timeline?.('', { granularity: 'year' }) ?? null);
    if (api) {
      assert.deepEqual(api.bins.map((b) => b.count), [1, 3, 1]);
      assert.equal(api.bins[1].start, '2000-01-01');
    }
    const all = await bars(page);
    const feb2000 = all.findIndex((b) => b.start.startsWith('2000-02'));
    await page.locator('.timeline .bar').nth(feb2000).locator('.bar-slot').click();
    await waitForIds(page, ['000', '001']);
    assertNoProblems(problems);
  });

  test('facet values add and remove chips; exclusion and clear all', async (t) => {
    await openApp(page, server.url);
    const facet = page.locator('fieldset.facet[data-field="publication"]');
    assert.equal(await facet.locator('[data-value="Monitor"] .facet-count').innerText(), '4');
    await facet.locator('[data-value="NATO Review"] input[type=checkbox]').check();
    await waitForIds(page, ['004']);
    assert.equal(await page.locator('.chip.include').count(), 1);
    t.diagnostic(await screenshot(page, 'workbench-facet-1280'));
    // The chip's button removes the filter.
    await page.locator('.chip.include').getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('section.results')?.dataset.view === 'overview');
    // Leaving Monitor out keeps only the review; "Clear all" undoes it.
    await facet.getByRole('button', { name: 'Leave out Monitor' }).click();
    await waitForIds(page, ['004']);
    assert.match(await page.locator('.chip.exclude').innerText(), /not Monitor/);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.waitForFunction(() => document.querySelector('section.results')?.dataset.view === 'overview');
    assertNoProblems(problems);
  });

  test('the reader shows "Great expectations" with every hit marked; Escape closes it', async (t) => {
    await openApp(page, server.url);
    await typeQuery(page, 'Robertson');
    const item = page.locator(`li.hit[data-doc-id="${SEED.nato_review_2001}"]`);
    await item.getByRole('button', { name: 'Open in the reader' }).click();
    const reader = page.locator('.reader');
    await reader.waitFor();
    assert.equal((await reader.locator('#reader-title').innerText()).trim(), 'Great expectations');
    const marks = await reader.locator('.doc-text mark').allInnerTexts();
    const text = await readFile(join(repoRoot, 'corpus', SEED.nato_review_2001), 'utf8');
    const plain = (text.match(/Robertson/g) ?? []).length;
    assert.ok(marks.length > 0 && marks.every((m) => /^Robertson/.test(m)), JSON.stringify(marks));
    assert.equal(marks.length, plain, 'every occurrence in the text is marked');
    await reader.getByRole('button', { name: 'Next hit' }).click();
    assert.equal(await reader.locator('mark.current').count(), 1);
    assert.match(page.url(), /doc=004/);
    t.diagnostic(await screenshot(page, 'workbench-reader-1280'));
    await page.keyboard.press('Escape');
    await reader.waitFor({ state: 'detached' });
    assert.doesNotMatch(page.url(), /doc=/);
    assertNoProblems(problems);
  });

  test('keyboard: arrows move through hits and Enter opens the reader', async () => {
    await openApp(page, server.url);
    await typeQuery(page, 'Robertson');
    await page.locator('li.hit').first().focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.dataset.docId);
    assert.equal(focused, (await hitIds(page))[1]);
    await page.keyboard.press('Enter');
    await page.locator(`.reader[data-reader-id="${focused}"]`).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.reader').waitFor({ state: 'detached' });
    assertNoProblems(problems);
  });

  test('keyword in context lists every "Founding Act" of the corpus', async (t) => {
    await openApp(page, server.url);
    await typeQuery(page, '"Founding Act"');
    await page.locator('[data-tab="kwic"]').click();
    await page.locator('.kwic-table').waitFor();
    let plain = 0;
    for (const name of await readdir(join(repoRoot, 'corpus'))) {
      if (!name.endsWith('.txt')) continue;
      plain += ((await readFile(join(repoRoot, 'corpus', name), 'utf8')).match(/Founding Act/g) ?? []).length;
    }
    const keywords = await page.locator('.kwic-open').allInnerTexts();
    assert.equal(keywords.length, plain);
    assert.ok(keywords.every((k) => k === 'Founding Act'));
    assert.equal(Number(await page.locator('.kwic-total').getAttribute('data-total')), plain);
    t.diagnostic(await screenshot(page, 'workbench-kwic-1280'));
    // Sorting by the right context keeps every line; a line opens the reader.
    await page.getByRole('button', { name: 'Right context' }).click();
    assert.equal(await page.locator('.kwic-open').count(), plain);
    await page.locator('.kwic-open').first().click();
    await page.locator('.reader').waitFor();
    assert.ok(await page.locator('.reader .doc-text mark').count() > 0);
    await page.keyboard.press('Escape');
    assertNoProblems(problems);
  });

  test('a reload restores query, filters, range and view; Back undoes a filter', async () => {
    await openApp(page, `${server.url}?q=Robertson&f=publication:Monitor&from=2000-01-01&to=2000-12-31&view=kwic`);
    await waitForResultsOf(page, 'Robertson');
    assert.equal(await page.locator('section.results').getAttribute('data-view'), 'kwic');
    assert.equal(await page.locator('.chip').count(), 2);
    await page.reload();
    await page.locator('#app[data-ready-ms]').waitFor();
    assert.equal(await page.locator('section.results').getAttribute('data-view'), 'kwic');
    await page.locator('[data-tab="documents"]').click();
    await waitForIds(page, ['000', '001', '002']);
    // Leaving a value out adds a history entry; Back returns to before it.
    await page.locator('fieldset.facet[data-field="publication"]').getByRole('button', { name: 'Leave out Monitor' }).click();
    await page.waitForFunction(() => document.querySelector('section.results')?.dataset.view === 'no-results');
    await page.goBack();
    await waitForIds(page, ['000', '001', '002']);
    assertNoProblems(problems);
  });

  test('compared terms are drawn as lines and survive a reload', async () => {
    await openApp(page, server.url);
    await page.locator('#trend-terms').fill('NATO, Kosovo');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('.trends .series[data-term="Kosovo"]').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('trends'), 'NATO,Kosovo');
    await page.reload();
    await page.locator('#app[data-ready-ms]').waitFor();
    await page.locator('.trends .series[data-term="Kosovo"]').waitFor();
    assert.deepEqual(
      await page.locator('.trends .series').evaluateAll((lines) => lines.map((line) => line.dataset.term)),
      ['NATO', 'Kosovo'],
    );
    assert.equal(await page.locator('#trend-terms').inputValue(), 'NATO,Kosovo');

    // A filter adds a history entry; comparing other terms there, then
    // going Back, brings back the lines of the entry before.
    await page.locator('fieldset.facet[data-field="publication"]').getByRole('button', { name: 'Leave out Monitor' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('x'));
    await page.locator('#trend-terms').fill('Chechnya');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('.trends .series[data-term="Chechnya"]').waitFor();
    await page.goBack();
    await page.locator('.trends .series[data-term="Kosovo"]').waitFor();
    assert.deepEqual(
      await page.locator('.trends .series').evaluateAll((lines) => lines.map((line) => line.dataset.term)),
      ['NATO', 'Kosovo'],
    );
    assert.equal(await page.locator('#trend-terms').inputValue(), 'NATO,Kosovo');
    await page.goForward();
    await page.locator('.trends .series[data-term="Chechnya"]').waitFor();
    assertNoProblems(problems);
  });

  test('the terms view lists distinctive words; choosing one adds it to the query', async () => {
    // Every seed mentions NATO: the selection is the corpus over again, so
    // no word stands out, and the view says so rather than list chance.
    await openApp(page, `${server.url}?q=NATO&view=terms`);
    await page.locator('.term-list.frequent').waitFor();
    assert.match(await page.locator('.term-list.distinctive').innerText(), /No word stands out against the whole corpus here \(none reaches G² 3\.84, p < 0\.05\)/);
    await openApp(page, `${server.url}?q=Stepashin&view=terms`);
    await page.locator('.term-list.frequent').waitFor();
    assert.match(await page.locator('.terms > p').innerText(), /^Read from the one document selected\./);
    // Each distinctive word shows its count and a G² past the cut-off.
    const scores = await page.locator('.term-list.distinctive .term-count').allInnerTexts();
    assert.ok(scores.length > 0, 'the Stepashin story has distinctive words');
    for (const text of scores) assert.ok(Number(text.split('G²')[1]) >= 3.8, text); // shown to one decimal
    const word = await page.locator('.term-list.frequent .term').first().innerText();
    await page.locator('.term-list.frequent .term').first().click();
    await waitForResultsOf(page, `Stepashin ${word}`);
    assertNoProblems(problems);
  });

  test('at 375 px nothing scrolls sideways (opening, results, kwic, reader)', async (t) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await openApp(page, server.url);
    assert.equal(await scrollsSideways(page), false, 'opening view');
    t.diagnostic(await screenshot(page, 'workbench-overview-375'));
    await typeQuery(page, 'Robertson');
    assert.equal(await scrollsSideways(page), false, 'results');
    t.diagnostic(await screenshot(page, 'workbench-results-375'));
    // In one column the filters come first, folded to one line above the
    // views (not a screen of checkboxes below the results), and the fold
    // opens to the facets.
    const fold = page.locator('.facets-fold');
    assert.equal(await fold.evaluate((details) => details.open), false);
    const folded = await fold.boundingBox();
    const firstHit = await page.locator('li.hit').first().boundingBox();
    assert.ok(folded.height < 60 && folded.y < firstHit.y, `folded filters: ${JSON.stringify(folded)}`);
    await page.locator('.facets-summary').click();
    await page.locator('fieldset.facet').first().waitFor();
    assert.equal(await scrollsSideways(page), false, 'open filters');
    t.diagnostic(await screenshot(page, 'workbench-filters-375'));
    await page.locator('.facets-summary').click();
    await page.locator('[data-tab="kwic"]').click();
    await page.locator('.kwic-table').waitFor();
    assert.equal(await scrollsSideways(page), false, 'kwic');
    t.diagnostic(await screenshot(page, 'workbench-kwic-375'));
    await page.locator('.kwic-open').first().click();
    await page.locator('.reader').waitFor();
    assert.equal(await scrollsSideways(page), false, 'reader');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 900 });
    assertNoProblems(problems);
  });

  for (const scheme of ['light', 'dark']) {
    test(`axe-core finds no serious or critical violation (${scheme})`, async (t) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openApp(page, server.url);
      assert.deepEqual(await seriousViolations(page), [], 'opening view');
      await typeQuery(page, 'Robertson');
      assert.deepEqual(await seriousViolations(page), [], 'results view');
      await page.locator('[data-tab="kwic"]').click();
      await page.locator('.kwic-table').waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'kwic view');
      t.diagnostic(await screenshot(page, `workbench-kwic-1280-${scheme}`));
      await page.emulateMedia({ colorScheme: 'light' });
      assertNoProblems(problems);
    });
  }
});
