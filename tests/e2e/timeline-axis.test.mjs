// The time axis at any span and width: on a corpus dated across two
// centuries (examples/harbour-town, 1838–2014) the timeline goes by decade,
// its bars stay wide enough to read and to hit, its axis labels never
// overlap at 1280 or 375 px, each bar's exact count shows when it is
// pointed at or reached with the keyboard, and a decade's bar narrows to
// that decade. The seed site (days and months) keeps readable labels too.
// Screenshots of the chart go to tests/e2e/screenshots/timeline-*.png.
//
// HARBOUR_DIST names the harbour-town site (`cargo xtask test` builds it);
// without it that part is skipped and says so. The seed site is ANNALS_DIST.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import {
  assertNoProblems, closeSite, distDir, hitCountText, openApp, openSite, overlappingTickLabels, screenshotsDir,
} from './helpers.mjs';

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 375, height: 812 },
];

/** The narrowest a bar's slot may be drawn, in pixels (6 in the page, less rounding). */
const NARROWEST_BAR_PX = 5;

/** The timeline's bars as {start, end, count, label, width}. */
function bars(page) {
  return page.$$eval('.timeline .bar', (gs) => gs.map((g) => ({
    start: g.dataset.start,
    end: g.dataset.end,
    count: Number(g.dataset.count),
    label: g.getAttribute('aria-label'),
    width: g.querySelector('.bar-slot').getBoundingClientRect().width,
  })));
}

/** The axis labels shown, with their boxes, left to right. */
function shownTicks(page) {
  return page.$$eval('.timeline .tick', (ticks) => ticks
    .filter((t) => t.getClientRects().length > 0 && getComputedStyle(t).visibility !== 'hidden')
    .map((t) => {
      const box = t.getBoundingClientRect();
      return { text: t.textContent, left: box.left, right: box.right };
    }));
}

/** The count shown above the chart, or null when none is. */
async function tipText(page) {
  const tip = page.locator('.timeline-tip');
  if ((await tip.count()) === 0 || !(await tip.isVisible())) return null;
  return (await tip.innerText()).trim();
}

/** The bar that has the keyboard focus, as its label, or null. */
function focusedBar(page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active?.classList.contains('bar') ? active.getAttribute('aria-label') : null;
  });
}

/** Waits until the chart is laid out for the window's width (bars, labels placed). */
async function settle(page) {
  await page.locator('.timeline .bar').first().waitFor();
  await page.waitForFunction(() => {
    const plot = document.querySelector('.timeline-plot');
    const ticks = [...document.querySelectorAll('.timeline .tick')];
    return plot && ticks.length > 0 && ticks.every((t) => t.hasAttribute('style'));
  });
  // One more frame for a coarser timeline asked after the width was measured.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Writes the chart alone to tests/e2e/screenshots/<name>.png. */
async function chartShot(page, name) {
  await mkdir(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.locator('section.timeline').screenshot({ path });
  return path;
}

/** What holds at every width on every corpus: readable bars and labels. */
async function assertReadableAxis(page, what) {
  assert.deepEqual(await overlappingTickLabels(page), [], `${what}: no two axis labels overlap`);
  const ticks = await shownTicks(page);
  assert.ok(ticks.length >= 2, `${what}: the axis names at least two dates: ${JSON.stringify(ticks)}`);
  const chart = await page.locator('.timeline-chart').boundingBox();
  for (const tick of ticks) {
    assert.ok(tick.left >= chart.x - 1 && tick.right <= chart.x + chart.width + 1, `${what}: ${tick.text} stays under the chart`);
  }
  const shown = await bars(page);
  const thinnest = Math.min(...shown.map((b) => b.width));
  assert.ok(thinnest >= NARROWEST_BAR_PX, `${what}: ${shown.length} bars, the thinnest ${thinnest.toFixed(1)} px`);
  return { ticks, bars: shown };
}

/**
 * Points at the fullest bar and reads the count above the chart; then
 * reaches the bars with the keyboard and moves along them.
 */
async function assertCountsOnHoverAndFocus(page, what) {
  const shown = await bars(page);
  const fullest = shown.reduce((best, b, i) => (b.count > shown[best].count ? i : best), 0);
  await page.locator('.timeline .bar').nth(fullest).locator('.bar-slot').hover();
  await page.waitForFunction((want) => document.querySelector('.timeline-tip')?.textContent === want, shown[fullest].label);
  assert.equal(await tipText(page), shown[fullest].label, `${what}: pointing at a bar shows its count`);
  // The count has its own line: it covers neither the heading nor the
  // layer buttons, whichever bar it is shown for.
  for (const i of [0, fullest, shown.length - 1]) {
    await page.locator('.timeline .bar').nth(i).locator('.bar-slot').hover();
    await page.waitForFunction((want) => document.querySelector('.timeline-tip')?.textContent === want, shown[i].label);
    const [tip, head] = await Promise.all(['.timeline-tip', '.timeline-head'].map((s) => page.locator(s).boundingBox()));
    assert.ok(tip.y >= head.y + head.height, `${what}: the count of ${shown[i].label} lies below the heading (${tip.y} < ${head.y + head.height})`);
  }
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => !document.querySelector('.timeline-tip'));

  // One tab stop for all the bars; the arrow keys, Home and End move.
  const stops = await page.$$eval('.timeline .bar[tabindex="0"]', (gs) => gs.length);
  assert.equal(stops, 1, `${what}: the bars are one stop in the tab order`);
  await page.getByRole('button', { name: 'Mentioned', exact: true }).focus();
  await page.keyboard.press('Tab');
  const first = await focusedBar(page);
  assert.ok(first, `${what}: Tab after the layer switch reaches the bars`);
  assert.equal(await tipText(page), first, `${what}: the focused bar's count shows`);
  await page.keyboard.press('Home');
  assert.equal(await focusedBar(page), shown[0].label);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedBar(page), shown[1].label);
  assert.equal(await tipText(page), shown[1].label);
  await page.keyboard.press('End');
  assert.equal(await focusedBar(page), shown.at(-1).label);
  assert.equal(await tipText(page), shown.at(-1).label);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedBar(page), shown.at(-1).label, `${what}: the last bar stays focused`);
  // The tab stop follows: leaving and coming back returns to the same bar.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focusedBar(page), shown.at(-1).label, `${what}: Shift+Tab comes back to the bar left`);
  await page.evaluate(() => document.activeElement?.blur());
}

describe('the timeline axis on the seed site (days and months)', () => {
  let server, browser, page, problems;
  before(async () => {
    ({ server, browser, page, problems } = await openSite({ dir: distDir }));
  });
  after(() => closeSite({ server, browser }));

  for (const { width, height } of WIDTHS) {
    test(`at ${width} px the Written and Mentioned layers' labels do not overlap`, async (t) => {
      await page.setViewportSize({ width, height });
      await openApp(page, server.url);
      await settle(page);
      const written = await assertReadableAxis(page, `seeds, written, ${width} px`);
      t.diagnostic(`written: ${written.bars.length} bars; axis: ${written.ticks.map((tick) => tick.text).join(' | ')}`);
      assert.equal(written.bars.reduce((sum, b) => sum + b.count, 0), 5);
      await assertCountsOnHoverAndFocus(page, `seeds, ${width} px`);
      t.diagnostic(await chartShot(page, `timeline-seeds-${width}`));

      await page.getByRole('button', { name: 'Mentioned', exact: true }).click();
      await page.locator('.timeline[data-layer="mentioned"] .bar').first().waitFor();
      await settle(page);
      const mentioned = await assertReadableAxis(page, `seeds, mentioned, ${width} px`);
      const granularity = await page.locator('section.timeline').getAttribute('data-granularity');
      t.diagnostic(`mentioned: ${mentioned.bars.length} bars by ${granularity}; axis: ${mentioned.ticks.map((tick) => tick.text).join(' | ')}`);
      // Sixty months have room at 1280 px; a phone goes by year.
      assert.equal(granularity, width >= 1000 ? 'month' : 'year');
      t.diagnostic(await chartShot(page, `timeline-seeds-mentioned-${width}`));
      assertNoProblems(problems);
    });
  }

  test('narrowing the window coarsens the bars and re-spaces the labels', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `${server.url}?layer=mentioned`);
    await settle(page);
    assert.equal(await page.locator('section.timeline').getAttribute('data-granularity'), 'month');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForFunction(() => document.querySelector('section.timeline')?.dataset.granularity === 'year');
    await settle(page);
    await assertReadableAxis(page, 'seeds, mentioned, narrowed to 375 px');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForFunction(() => document.querySelector('section.timeline')?.dataset.granularity === 'month');
    await settle(page);
    await assertReadableAxis(page, 'seeds, mentioned, widened to 1280 px');
    assertNoProblems(problems);
  });
});

const harbourDir = process.env.HARBOUR_DIST;
const noHarbour = harbourDir
  ? false
  : 'HARBOUR_DIST is not set: build the harbour-town site (`cargo xtask dist examples/harbour-town --out target/harbour-dist`) and name it there';

describe('the timeline axis over two centuries (harbour-town, 1838–2014)', { skip: noHarbour }, () => {
  let server, browser, page, problems;
  before(async () => {
    ({ server, browser, page, problems } = await openSite({ dir: harbourDir }));
  });
  after(() => closeSite({ server, browser }));

  for (const { width, height } of WIDTHS) {
    test(`at ${width} px it goes by decade with labels that do not overlap and counts on hover and focus`, async (t) => {
      await page.setViewportSize({ width, height });
      await openApp(page, server.url);
      await settle(page);
      assert.equal(await page.locator('section.timeline').getAttribute('data-granularity'), 'decade');
      const { ticks, bars: shown } = await assertReadableAxis(page, `harbour, ${width} px`);
      t.diagnostic(`${shown.length} bars; axis: ${ticks.map((tick) => tick.text).join(' | ')}`);
      // Decades from a year ending in 0 to one ending in 9, one after another.
      for (const bar of shown) {
        assert.match(bar.start, /^\d{3}0-01-01$/);
        assert.match(bar.end, /^\d{3}9-12-31$/);
        assert.equal(Number(bar.end.slice(0, 4)), Number(bar.start.slice(0, 4)) + 9);
        assert.match(bar.label, new RegExp(`^${bar.start.slice(0, 4)}s: ${bar.count.toLocaleString('en')} documents?$`));
      }
      assert.ok(shown[0].start <= '1838-01-01' && shown.at(-1).end >= '2014-01-01', `${shown[0].start} – ${shown.at(-1).end}`);
      for (const tick of ticks) assert.match(tick.text, /^\d{3}0s$/);
      await assertCountsOnHoverAndFocus(page, `harbour, ${width} px`);
      // Pointed at and shown, for the screenshot.
      const fullest = shown.reduce((best, b, i) => (b.count > shown[best].count ? i : best), 0);
      await page.locator('.timeline .bar').nth(fullest).locator('.bar-slot').hover();
      await page.locator('.timeline-tip').waitFor();
      t.diagnostic(await chartShot(page, `timeline-harbour-${width}`));
      await page.mouse.move(0, 0);

      await page.getByRole('button', { name: 'Mentioned', exact: true }).click();
      await page.locator('.timeline[data-layer="mentioned"] .bar').first().waitFor();
      await settle(page);
      const mentioned = await assertReadableAxis(page, `harbour, mentioned, ${width} px`);
      t.diagnostic(`mentioned by ${await page.locator('section.timeline').getAttribute('data-granularity')}: ${mentioned.ticks.map((tick) => tick.text).join(' | ')}`);
      t.diagnostic(await chartShot(page, `timeline-harbour-mentioned-${width}`));
      await page.getByRole('button', { name: 'Written', exact: true }).click();
      assertNoProblems(problems);
    });
  }

  test('a click on a decade narrows to its ten years and the chart zooms in', async (t) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, server.url);
    await settle(page);
    const shown = await bars(page);
    const fullest = shown.reduce((best, b, i) => (b.count > shown[best].count ? i : best), 0);
    const decade = shown[fullest];
    await page.locator('.timeline .bar').nth(fullest).locator('.bar-slot').click();
    await page.waitForFunction((from) => new URL(location.href).searchParams.get('from') === from, decade.start);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('to'), decade.end);
    await page.waitForFunction(() => document.querySelector('section.results')?.dataset.view === 'results');
    const count = await hitCountText(page);
    assert.match(count, new RegExp(`\\b${decade.count} documents?$`), `${decade.label} → ${count}`);
    // Inside one decade the chart goes by month or year, all within it.
    await settle(page);
    const inside = await assertReadableAxis(page, `harbour, the ${decade.start.slice(0, 4)}s`);
    const granularity = await page.locator('section.timeline').getAttribute('data-granularity');
    assert.ok(['month', 'year'].includes(granularity), granularity);
    assert.ok(inside.bars.every((b) => b.start >= decade.start && b.end <= decade.end), JSON.stringify(inside.bars.map((b) => b.start)));
    assert.equal(inside.bars.reduce((sum, b) => sum + b.count, 0), decade.count);
    t.diagnostic(`${decade.label} → ${count}; by ${granularity}: ${inside.ticks.map((tick) => tick.text).join(' | ')}`);
    t.diagnostic(await chartShot(page, 'timeline-harbour-decade'));
    await page.getByRole('button', { name: 'All dates' }).click();
    await page.waitForFunction(() => document.querySelector('section.timeline')?.dataset.granularity === 'decade');
    assertNoProblems(problems);
  });
});
