// The workbench on Reuters-21578 (21,578 stories): facet counts equal plain
// counts over the JSON Lines file, the timeline by day runs February to
// October 1987, trends compare oil and coffee, and typing never blocks the
// page for more than 100 ms.
//
// Needs the shared data beside the project (../shared/corpora/reuters21578/)
// and a site built from it, which `cargo xtask test` and `cargo xtask bench`
// build into target/bench/dist-reuters (REUTERS_JSONL and REUTERS_DIST name
// other places). Skipped, with a message, when either is missing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

import {
  assertNoProblems, closeSite, openApp, openSite, repoRoot, screenshot, searchBox, waitForResultsOf,
} from './helpers.mjs';

const jsonl = process.env.REUTERS_JSONL ?? join(repoRoot, '../shared/corpora/reuters21578/reuters21578.jsonl');
const dist = process.env.REUTERS_DIST ?? join(repoRoot, 'target/bench/dist-reuters');
const missing = !existsSync(jsonl)
  ? `Reuters-21578 data is not at ${jsonl}`
  : !existsSync(join(dist, 'index.html'))
    ? `no Reuters site at ${dist} (cargo xtask test or cargo xtask bench builds it)`
    : null;
if (missing) console.log(`# skipping the Reuters tests: ${missing}`);

/** Plain counts of every value of `field` over the JSON Lines file. */
async function plainCounts(field) {
  const counts = new Map();
  const lines = createInterface({ input: createReadStream(jsonl), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const record = JSON.parse(line);
    let values = record[field] ?? [];
    if (!Array.isArray(values)) values = String(values).split(';');
    for (const v of new Set(values.map((x) => String(x).trim().toLowerCase()).filter(Boolean))) {
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  }
  return counts;
}

describe('workbench on Reuters-21578', { skip: missing ?? false }, () => {
  let server, browser, page, problems;
  before(async () => {
    ({ server, browser, page, problems } = await openSite({ dir: dist, requireSite: false }));
    await openApp(page, server.url);
  });
  after(() => closeSite({ server, browser }));

  test('facet counts equal plain counts over the file', async (t) => {
    const facets = await page.evaluate(() => window.wasmBindings.facets('', {}));
    for (const field of ['topics', 'places', 'people', 'orgs', 'exchanges', 'split']) {
      const plain = await plainCounts(field);
      const shown = facets.find((f) => f.field === field);
      assert.ok(shown, field);
      assert.equal(shown.values.length, plain.size, `${field}: number of values`);
      for (const { value, count } of shown.values) {
        assert.equal(count, plain.get(value.toLowerCase()), `${field} = ${value}`);
      }
    }
    // The sidebar shows the same numbers.
    const earn = await page.locator('fieldset.facet[data-field="topics"] [data-value="earn"] .facet-count').innerText();
    const earnCount = facets.find((f) => f.field === 'topics').values.find((v) => v.value === 'earn').count;
    assert.equal(earn.replace(/,/g, ''), String(earnCount));
    t.diagnostic(`topics earn: ${earnCount}`);
  });

  test('the timeline by day runs from February to October 1987', async () => {
    const timeline = await page.evaluate(() => window.wasmBindings.timeline('', { granularity: 'day' }));
    assert.equal(timeline.granularity, 'day');
    assert.match(timeline.bins[0].start, /^1987-02/);
    assert.match(timeline.bins.at(-1).end, /^1987-10/);
    assert.equal(timeline.bins.reduce((s, b) => s + b.count, 0) + timeline.undated, 21578);
  });

  test('trends compare oil and coffee', async (t) => {
    const trends = await page.evaluate(() => window.wasmBindings.trends(['oil', 'coffee'], { granularity: 'month' }));
    assert.deepEqual(trends.series.map((s) => s.term), ['oil', 'coffee']);
    const docs = trends.series.map((s) => s.points.reduce((sum, p) => sum + p.count, 0));
    const oil = await page.evaluate(() => window.wasmBindings.search('oil', { limit: 0 }).total);
    assert.equal(docs[0], oil);
    assert.ok(docs[0] > docs[1] && docs[1] > 0, JSON.stringify(docs));
    const oilRate = Math.max(...trends.series[0].points.map((p) => p.per10k));
    t.diagnostic(`oil in ${docs[0]} documents, coffee in ${docs[1]}; oil peaks at ${oilRate.toFixed(1)} per 10,000 words`);
    await page.locator('#trend-terms').fill('oil, coffee');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('.trends .series[data-term="coffee"]').waitFor();
  });

  test('each analytics call answers within 100 ms in the browser', async (t) => {
    const timings = await page.evaluate(() => {
      const b = window.wasmBindings;
      const median = (f) => {
        const ts = [];
        for (let i = 0; i < 5; i++) { const s = performance.now(); f(); ts.push(performance.now() - s); }
        return ts.sort((x, y) => x - y)[2];
      };
      const opts = { filters: [{ field: 'places', anyOf: ['usa'], noneOf: ['japan'] }] };
      return {
        'facets(oil, places usa -japan)': median(() => b.facets('oil', opts)),
        'timeline(all, by day)': median(() => b.timeline('', { granularity: 'day' })),
        'trends(oil, coffee, by week)': median(() => b.trends(['oil', 'coffee'], { granularity: 'week' })),
        'concordance("crude oil", 200 lines)': median(() => b.concordance('"crude oil"', { width: 60, limit: 200 })),
        'concordance(oil, 500 lines)': median(() => b.concordance('oil', { width: 60, limit: 500 })),
      };
    });
    for (const [call, ms] of Object.entries(timings)) {
      t.diagnostic(`${call}: median ${ms.toFixed(1)} ms`);
      assert.ok(ms < 100, `${call} took ${ms} ms`);
    }
  });

  test('the workbench reads at desktop width with the Reuters facets', async (t) => {
    await page.goto(`${server.url}?q=coffee&f=places:brazil`);
    await page.locator('#app[data-ready-ms]').waitFor();
    await waitForResultsOf(page, 'coffee');
    // The time axis names dates along its length, not only at both ends,
    // and its labels (those with room to be shown) neither overlap nor
    // leave the chart.
    const ticks = await page.locator('.timeline-axis .tick').evaluateAll((spans) =>
      spans.filter((span) => getComputedStyle(span).display !== 'none').map((span) => {
        const box = span.getBoundingClientRect();
        return { text: span.textContent, left: box.left, right: box.right };
      }),
    );
    const chart = await page.locator('.timeline-chart').boundingBox();
    t.diagnostic(`axis: ${ticks.map((tick) => tick.text).join(' | ')}`);
    assert.ok(ticks.length >= 3, JSON.stringify(ticks));
    for (let i = 1; i < ticks.length; i += 1) assert.ok(ticks[i - 1].right <= ticks[i].left, `${ticks[i - 1].text} overlaps ${ticks[i].text}`);
    assert.ok(ticks[0].left >= chart.x - 1 && ticks.at(-1).right <= chart.x + chart.width + 1, 'the labels stay under the chart');
    t.diagnostic(await screenshot(page, 'workbench-reuters-1280'));
    // On a phone the axis keeps as many dates as have room, two at least.
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      // The chart measures its new width, picks its labels and places them.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const shown = await page.locator('.timeline-axis .tick').evaluateAll((spans) =>
        spans.filter((span) => getComputedStyle(span).display !== 'none').map((span) => {
          const box = span.getBoundingClientRect();
          return { text: span.textContent, left: box.left, right: box.right };
        }),
      );
      t.diagnostic(`axis at 375 px: ${shown.map((tick) => tick.text).join(' | ')}`);
      assert.ok(shown.length >= 2, JSON.stringify(shown));
      for (let i = 1; i < shown.length; i += 1) assert.ok(shown[i - 1].right <= shown[i].left, `${shown[i - 1].text} overlaps ${shown[i].text}`);
    } finally {
      await page.setViewportSize(desktop);
    }
  });

  test('typing a query never blocks the page for more than 100 ms', async (t) => {
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    await searchBox(page).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('crude oil prices', { delay: 60 });
    await waitForResultsOf(page, 'crude oil prices');
    await page.waitForTimeout(300);
    const tasks = await page.evaluate(() => window.__longTasks);
    t.diagnostic(`long tasks while typing (ms): ${tasks.map((d) => d.toFixed(0)).join(', ') || 'none'}`);
    assert.ok(tasks.every((d) => d <= 100), JSON.stringify(tasks));
    assertNoProblems(problems);
  });

  test('the chronology of oil and its Mentioned timeline never block the page for more than 100 ms', async (t) => {
    await page.goto(`${server.url}?q=oil`);
    await page.locator('#app[data-ready-ms]').waitFor();
    await waitForResultsOf(page, 'oil');
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    await page.locator('[data-tab="chronology"]').click();
    await page.locator('.chrono-table').waitFor();
    await page.waitForTimeout(300);
    const chronology = await page.evaluate(() => window.__longTasks.splice(0));
    const total = await page.locator('.chrono-total').getAttribute('data-total');
    t.diagnostic(`oil: ${total} mentions; long tasks for the chronology (ms): ${chronology.map((d) => d.toFixed(0)).join(', ') || 'none'}`);
    await page.getByRole('button', { name: 'Mentioned', exact: true }).click();
    await page.locator('.timeline[data-layer="mentioned"] .bar').first().waitFor();
    await page.waitForTimeout(300);
    const layer = await page.evaluate(() => window.__longTasks.splice(0));
    t.diagnostic(`long tasks for the Mentioned timeline (ms): ${layer.map((d) => d.toFixed(0)).join(', ') || 'none'}`);
    const timings = await page.evaluate(() => {
      const s = performance.now();
      window.wasmBindings.mentions('oil', { limit: 2000 });
      return performance.now() - s;
    });
    t.diagnostic(`mentions('oil', 2,000 entries) through annals.js: ${timings.toFixed(1)} ms`);
    assert.ok(Number(total) > 0);
    assert.ok(chronology.every((d) => d <= 100), JSON.stringify(chronology));
    assert.ok(layer.every((d) => d <= 100), JSON.stringify(layer));
    // A page of 100 rows; Show more adds the next 100, still in date order.
    assert.equal(await page.locator('.chrono-row').count(), 100);
    await page.locator('.chronology').getByRole('button', { name: 'Show more' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.chrono-row').length === 200);
    const firsts = await page.locator('.chrono-row').evaluateAll((rows) => rows.map((row) => row.dataset.first));
    assert.deepEqual(firsts, [...firsts].sort());
    assert.match(await page.locator('.chrono-total').innerText(), /mentions; the first 200 are listed/);
    t.diagnostic(await screenshot(page, 'mentions-reuters-oil-1280'));
    assertNoProblems(problems);
  });
});
