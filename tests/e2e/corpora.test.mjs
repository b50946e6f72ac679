// Corpora of other shapes than the seeds, looked at as a newcomer would
// look at their own: plain-text letters with no metadata at all (no facets,
// two centuries), a plain folder of Markdown with front matter and no
// corpus.toml (facets suggested at build time, 176 years), the seeds (one
// facet) and Reuters-21578 (many facets, 21,578 stories). Each at desktop
// and phone widths, light and dark: the views get the width the filters do
// not need, nothing scrolls sideways, no two axis labels overlap, and axe
// finds no serious or critical violation. Screenshots go to
// tests/e2e/screenshots/corpus-*.png for people to look at.
//
// `cargo xtask test` builds the sites and names them in LETTERS_DIST,
// HARBOUR_DIST and REUTERS_DIST; the seed site is ANNALS_DIST (dist/).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assertNoProblems, closeSite, distDir, hitCountText, openApp, openSite, overlappingTickLabels, screenshot,
  scrollsSideways, seriousViolations, typeQuery,
} from './helpers.mjs';

const CORPORA = [
  { name: 'letters', dir: process.env.LETTERS_DIST, query: 'canal', facets: [] },
  { name: 'harbour', dir: process.env.HARBOUR_DIST, query: 'lifeboat', facets: ['kind', 'place', 'tags'] },
  { name: 'seeds', dir: distDir, query: 'Robertson', facets: ['publication'] },
  { name: 'reuters', dir: process.env.REUTERS_DIST, query: 'oil', facets: ['topics', 'places'] },
];

const VIEWS = [
  { width: 1280, height: 900, scheme: 'light' },
  { width: 1280, height: 900, scheme: 'dark' },
  { width: 375, height: 812, scheme: 'light' },
  { width: 375, height: 812, scheme: 'dark' },
];

/** The width of the first element matching `selector`, 0 when absent. */
function widthOf(page, selector) {
  return page.evaluate((s) => document.querySelector(s)?.getBoundingClientRect().width ?? 0, selector);
}

/** The facet fields shown in the filter column, as their data-field names. */
function shownFacetFields(page) {
  return page.$$eval('aside.facets fieldset.facet', (sets) => sets.map((s) => s.dataset.field));
}

/** Everything each state of the page must satisfy, whatever the corpus. */
async function assertReadable(page, what) {
  assert.equal(await scrollsSideways(page), false, `${what}: nothing scrolls sideways`);
  assert.deepEqual(await overlappingTickLabels(page), [], `${what}: no two axis labels overlap`);
  assert.deepEqual(await seriousViolations(page), [], `${what}: axe finds no serious or critical violation`);
}

for (const corpus of CORPORA) {
  const missing = corpus.dir ? null : `no site for the ${corpus.name} corpus (set ${corpus.name.toUpperCase()}_DIST; \`cargo xtask test\` builds it)`;
  describe(`the ${corpus.name} corpus`, { skip: missing ?? false }, () => {
    let server, browser, page, problems;
    before(async () => {
      ({ server, browser, page, problems } = await openSite({ dir: corpus.dir }));
    });
    after(() => closeSite({ server, browser }));

    for (const { width, height, scheme } of VIEWS) {
      test(`${width} px, ${scheme}: the views fill the width, labels apart, axe clean`, async (t) => {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: scheme });
        await openApp(page, server.url);
        const where = `${corpus.name} at ${width} px (${scheme})`;
        await page.locator('section.timeline').waitFor();
        await assertReadable(page, `${where}, the overview`);
        t.diagnostic(await screenshot(page, `corpus-${corpus.name}-${width}-${scheme}-overview`));

        if (width >= 1280) {
          const main = await widthOf(page, '.workbench-main');
          const timeline = await widthOf(page, 'section.timeline');
          assert.ok(timeline >= 600, `${where}: the timeline is ${timeline} px wide (at least 600)`);
          if (corpus.facets.length === 0) {
            assert.equal(await page.locator('aside.facets').count(), 0, `${where}: no filter column without facets`);
            assert.ok(main >= 0.7 * width, `${where}: the views take ${main} px of ${width} (at least 70%)`);
          }
        }
        if (corpus.facets.length > 0) {
          // On a phone the filters are folded above the views.
          const fold = page.locator('details.facets-fold');
          if (!(await fold.evaluate((d) => d.open))) await page.locator('summary.facets-summary').click();
          const fields = await shownFacetFields(page);
          for (const field of corpus.facets) {
            assert.ok(fields.includes(field), `${where}: the ${field} facet is shown (shown: ${fields.join(', ')})`);
          }
        }

        await typeQuery(page, corpus.query);
        assert.match(await hitCountText(page), /^(Showing \d+ of )?[1-9][\d,]* documents?/, `${where}: "${corpus.query}" finds documents`);
        await assertReadable(page, `${where}, the results of "${corpus.query}"`);
        t.diagnostic(await screenshot(page, `corpus-${corpus.name}-${width}-${scheme}-results`));
        assertNoProblems(problems);
      });
    }

    if (corpus.name === 'harbour') {
      test('fields repeated in front matter are facets with counts that filter, with no configuration', async () => {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.emulateMedia({ colorScheme: 'light' });
        await openApp(page, server.url);
        for (const field of corpus.facets) {
          const values = await page.$$eval(`fieldset.facet[data-field="${field}"] li.facet-value`, (items) => items.map((li) => ({
            value: li.dataset.value, count: Number(li.querySelector('.facet-count').textContent.replace(/,/g, '')),
          })));
          assert.ok(values.length >= 2, `${field} lists its values`);
          for (const { value, count } of values) assert.ok(count >= 1, `${field} = ${value} has a count`);
        }
        // Choosing the most frequent kind narrows the documents to its count.
        const first = page.locator('fieldset.facet[data-field="kind"] li.facet-value').first();
        const [value, count] = [await first.getAttribute('data-value'), Number(await first.locator('.facet-count').innerText())];
        await first.locator('input[type=checkbox]').check();
        await page.waitForFunction((n) => document.querySelector('#hit-count')?.textContent.includes(`${n} document`), count);
        assert.ok((await page.locator('li.chip', { hasText: value }).count()) >= 1, `a chip shows the kind = ${value} filter`);
        assertNoProblems(problems);
      });
    }
  });
}
