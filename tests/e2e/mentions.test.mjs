// Mentioned dates on the seed corpus: the timeline's Mentioned layer (its
// counts against the engine's, brushing a month into a `mentions:` term,
// Back), `mentions:` typed, the Chronology view (order, marks, Show more,
// CSV, a row opening the reader at its mention), dates marked in the reader
// beside the query's hits, the phone width and an axe-core audit.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import {
  SEED, assertNoProblems, closeSite, openApp, openSite, screenshot, scrollsSideways, searchBox, seriousViolations,
  typeQuery, waitForResultsOf,
} from './helpers.mjs';

/** The timeline's bars as {start, end, count, title}. */
function bars(page) {
  return page.$$eval('.timeline .bar', (gs) => gs.map((g) => ({
    start: g.dataset.start, end: g.dataset.end, count: Number(g.dataset.count), title: g.querySelector('title')?.textContent,
  })));
}

/** Waits until the listed hits are `ids` (3-character prefixes, sorted). */
async function waitForIds(page, ids) {
  await page.waitForFunction(
    (want) => JSON.stringify([...document.querySelectorAll('li.hit[data-doc-id]')].map((h) => h.dataset.docId.slice(0, 3)).sort()) === JSON.stringify(want),
    ids,
    { timeout: 10_000 },
  );
}

/** Switches the timeline to its Mentioned layer and waits for it. */
async function showMentioned(page) {
  await page.getByRole('button', { name: 'Mentioned', exact: true }).click();
  await page.locator('.timeline[data-layer="mentioned"] .bar').first().waitFor();
}

describe('mentioned dates', () => {
  let server, browser, page, problems;
  before(async () => {
    ({ server, browser, page, problems } = await openSite());
  });
  after(() => closeSite({ server, browser }));

  test('the Mentioned layer charts 1997 to 2001 with the engine\'s counts', async (t) => {
    await openApp(page, server.url);
    const written = page.getByRole('button', { name: 'Written', exact: true });
    assert.equal(await written.getAttribute('aria-pressed'), 'true');
    await showMentioned(page);
    assert.equal(await page.getByRole('button', { name: 'Mentioned', exact: true }).getAttribute('aria-pressed'), 'true');
    assert.equal(new URL(page.url()).searchParams.get('layer'), 'mentioned');
    const shown = await bars(page);
    const dated = shown.filter((b) => b.count > 0);
    assert.equal(dated[0].start.slice(0, 4), '1997');
    assert.equal(dated.at(-1).start.slice(0, 4), '2001');
    // The same numbers as the engine gives annals.js, bar by bar.
    const engine = await page.evaluate(() => window.wasmBindings.timeline('', { layer: 'mentioned' }));
    assert.deepEqual(shown.map((b) => [b.start, b.count]), engine.bins.map((b) => [b.start, b.count]));
    // Tooltips give the exact count: July 1999 (the Kosovo story of 003)
    // and January 2000, checked by hand against the seed texts.
    const july = shown.find((b) => b.start === '1999-07-01');
    const january = shown.find((b) => b.start === '2000-01-01');
    assert.equal(july.title, 'Jul 1999: 14 mentions');
    assert.equal(january.title, 'Jan 2000: 12 mentions');
    assert.match(await page.locator('.timeline-undated').innerText(), /No period: \d+/);
    t.diagnostic(await screenshot(page, 'mentions-timeline-1280'));
    assertNoProblems(problems);
  });

  test('clicking January 2000 on the Mentioned layer puts mentions:2000-01 in the query: 000 and 001; Back undoes it', async () => {
    await openApp(page, `${server.url}?layer=mentioned`);
    await page.locator('.timeline[data-layer="mentioned"] .bar').first().waitFor();
    const shown = await bars(page);
    const january = shown.findIndex((b) => b.start === '2000-01-01');
    const bar = page.locator('.timeline .bar').nth(january);
    await bar.locator('.bar-slot').hover();
    await page.mouse.down();
    await bar.locator('.bar-slot').hover();
    await page.mouse.up();
    await waitForResultsOf(page, 'mentions:2000-01');
    await waitForIds(page, ['000', '001']);
    assert.equal(await searchBox(page).inputValue(), 'mentions:2000-01');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'mentions:2000-01');
    assert.equal(new URL(page.url()).searchParams.get('layer'), 'mentioned');
    // A second brush replaces the term rather than adding one.
    const may1997 = (await bars(page)).findIndex((b) => b.start === '1997-05-01');
    await page.locator('.timeline .bar').nth(may1997).locator('.bar-slot').click();
    await waitForResultsOf(page, 'mentions:1997-05');
    await page.goBack();
    await waitForResultsOf(page, 'mentions:2000-01');
    await waitForIds(page, ['000', '001']);
    // Lifting it takes the term out of the query.
    await page.getByRole('button', { name: 'All mentioned dates' }).click();
    await page.waitForFunction(() => document.querySelector('section.results')?.dataset.view === 'overview');
    assert.equal(await searchBox(page).inputValue(), '');
    assertNoProblems(problems);
  });

  test('typing mentions:1997 lists 000, 002, 003 and 004', async () => {
    await openApp(page, server.url);
    await typeQuery(page, 'mentions:1997');
    await waitForIds(page, ['000', '002', '003', '004']);
    assertNoProblems(problems);
  });

  test('the Chronology lists mentions by date, marks them, exports CSV and opens the reader at one', async (t) => {
    await openApp(page, `${server.url}?q=mentions:1997`);
    await waitForResultsOf(page, 'mentions:1997');
    await page.locator('[data-tab="chronology"]').click();
    await page.locator('.chrono-table').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('view'), 'chronology');
    const api = await page.evaluate(() => window.wasmBindings.mentions('mentions:1997', { limit: 2000 }));
    const total = Number(await page.locator('.chrono-total').getAttribute('data-total'));
    assert.equal(total, api.total);
    assert.match(await page.locator('.chrono-total').innerText(), new RegExp(`^${api.total} mentions`));
    // In the order of the dates referred to.
    const rows = await page.locator('.chrono-row').evaluateAll((trs) => trs.map((tr) => ({
      first: tr.dataset.first, value: tr.dataset.value, when: tr.querySelector('.chrono-open').textContent,
      mark: tr.querySelector('.chrono-sentence mark')?.textContent, sentence: tr.querySelector('.chrono-sentence').textContent,
      id: tr.dataset.docLine,
    })));
    assert.equal(rows.length, Math.min(total, 100));
    const firsts = rows.map((r) => r.first);
    assert.deepEqual(firsts, [...firsts].sort());
    assert.deepEqual(rows.map((r) => r.value), api.mentions.slice(0, rows.length).map((m) => m.value));
    const may = rows.find((r) => r.when === 'May 1997');
    assert.ok(may, JSON.stringify(rows.slice(0, 6)));
    assert.equal(may.id, SEED.monitor_1999_07_21);
    assert.equal(may.mark, 'May 1997');
    assert.ok(may.sentence.includes('May 1997') && may.sentence.length > 20, may.sentence);
    assert.ok(rows.every((r) => r.mark && r.sentence.includes(r.mark)), 'every row marks its mention');
    t.diagnostic(await screenshot(page, 'mentions-chronology-1280'));

    // Export CSV: every mention, one row each, with the columns named.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.chronology').getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'chronology.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,title,document date,referred value,first day,last day,precision,type,surface,sentence');
    assert.equal(lines.length - 1, total, 'one line per mention (no sentence holds a line break)');
    assert.ok(lines.some((line) => line.startsWith(`${SEED.monitor_1999_07_21},`) && line.includes(',1997-05,1997-05-01,1997-05-31,month,DATE,May 1997,')), 'the May 1997 row');

    // A row opens the reader at its mention, focused and highlighted.
    await page.locator('.chrono-row[data-value="1997-05"]').locator('.chrono-open').click();
    const reader = page.locator(`.reader[data-reader-id="${SEED.monitor_1999_07_21}"]`);
    await reader.waitFor();
    const focused = reader.locator('time.mention.focused');
    assert.equal(await focused.count(), 1);
    assert.equal(await focused.getAttribute('data-value'), '1997-05');
    assert.match(await focused.innerText(), /^May 1997/);
    assert.equal(await page.evaluate(() => document.activeElement?.matches('time.mention.focused')), true);
    t.diagnostic(await screenshot(page, 'mentions-reader-at-mention-1280'));
    await page.keyboard.press('Escape');
    await reader.waitFor({ state: 'detached' });
    assertNoProblems(problems);
  });

  test('the reader marks "January 20" in 000 as 2000-01-20, beside the hits of the query', async () => {
    await openApp(page, `${server.url}?q=January&doc=${SEED.monitor_2000_02_09}`);
    const reader = page.locator('.reader');
    await reader.waitFor();
    const january20 = reader.locator('time.mention', { hasText: 'January 20' }).first();
    assert.equal(await january20.getAttribute('data-value'), '2000-01-20');
    assert.equal(await january20.getAttribute('datetime'), '2000-01-20');
    assert.match(await january20.getAttribute('title'), /20 January 2000 \(day; 2000-01-20\)/);
    // The query's hit "January" is marked inside the date: both survive.
    assert.equal(await january20.locator('mark').first().innerText(), 'January');
    const text = await reader.locator('.doc-text').innerText();
    assert.ok(text.includes('January 20'), 'the text reads on unbroken');
    const hits = await reader.locator('.doc-text mark[id]').count();
    assert.ok(hits > 0);
    await reader.getByRole('button', { name: 'Next hit' }).click();
    assert.equal(await reader.locator('mark.current').count(), 1);
    await page.keyboard.press('Escape');
    assertNoProblems(problems);
  });

  test('at 375 px the Mentioned timeline and the Chronology fit the width', async (t) => {
    await page.setViewportSize({ width: 375, height: 812 });
    try {
      await openApp(page, `${server.url}?q=mentions:1997&layer=mentioned&view=chronology`);
      await page.locator('.chrono-table').waitFor();
      await page.locator('.timeline[data-layer="mentioned"] .bar').first().waitFor();
      assert.equal(await scrollsSideways(page), false, 'chronology');
      t.diagnostic(await screenshot(page, 'mentions-chronology-375'));
      await openApp(page, `${server.url}?layer=mentioned`);
      await page.locator('.timeline[data-layer="mentioned"] .bar').first().waitFor();
      assert.equal(await scrollsSideways(page), false, 'mentioned timeline');
      t.diagnostic(await screenshot(page, 'mentions-timeline-375'));
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    assertNoProblems(problems);
  });

  for (const scheme of ['light', 'dark']) {
    test(`axe-core finds no serious or critical violation in the Chronology and the reader (${scheme})`, async (t) => {
      await page.emulateMedia({ colorScheme: scheme });
      try {
        await openApp(page, `${server.url}?q=mentions:1997&layer=mentioned&view=chronology`);
        await page.locator('.chrono-table').waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'chronology');
        t.diagnostic(await screenshot(page, `mentions-chronology-1280-${scheme}`));
        await page.locator('.chrono-open').first().click();
        await page.locator('.reader time.mention.focused').waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'reader with dates marked');
        await page.keyboard.press('Escape');
      } finally {
        await page.emulateMedia({ colorScheme: 'light' });
      }
      assertNoProblems(problems);
    });
  }
});
