// Facet counts and the timeline of a selection, as annals.js gives them,
// against a plain count over the JSONL file the site was built from: the
// stories tagged `crude` (and those from one place) by each tag of every
// facet field and by month. Whatever the layout (the Reuters site is single;
// a split site of Reuters repeated ten times is checked the same way), a
// count must be the corpus's.
//
// `cargo xtask test` names the Reuters site in REUTERS_DIST and its data in
// REUTERS_JSONL; for Reuters x10 split:
//   REUTERS_DIST=/tmp/dist-x10 REUTERS_JSONL=/tmp/reuters-x10.jsonl \
//     node --test tests/e2e/counts.test.mjs

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertNoProblems, closeSite, openSite, watchPage } from './helpers.mjs';

const dist = process.env.REUTERS_DIST;
const jsonl = process.env.REUTERS_JSONL;
const missing = dist && jsonl ? false : 'no Reuters site or data (REUTERS_DIST, REUTERS_JSONL; `cargo xtask test` sets both)';
const FIELDS = ['topics', 'places', 'people', 'orgs', 'exchanges'];
const MONTHS = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

/** `26-FEB-1987 15:01:01.79` → `1987-02`, or null. */
function month(date) {
  const found = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(date ?? '');
  if (!found || !MONTHS[found[2]]) return null;
  return `${found[3]}-${String(MONTHS[found[2]]).padStart(2, '0')}`;
}

/** Whether a story passes a facet filter. */
function passes(story, { field, anyOf, noneOf }) {
  const values = story[field] ?? [];
  return (anyOf.length === 0 || anyOf.some((v) => values.includes(v))) && !noneOf.some((v) => values.includes(v));
}

/**
 * Counts over the stories `filters` select: how many, by month, and by
 * facet value. A field's values are counted, as the page counts them, over
 * the stories the filters select with that field's own choice of values
 * left out (so that its other values show what choosing them would give;
 * the values it leaves out stay out).
 */
async function countJsonl(filters) {
  const facets = Object.fromEntries(FIELDS.map((f) => [f, new Map()]));
  const months = new Map();
  let documents = 0;
  for await (const line of createInterface({ input: createReadStream(jsonl) })) {
    if (!line.trim()) continue;
    const story = JSON.parse(line);
    const failed = filters.filter((filter) => !passes(story, filter));
    for (const field of FIELDS) {
      const own = filters.filter((filter) => filter.field === field).map((filter) => ({ ...filter, anyOf: [] }));
      if (failed.some((filter) => filter.field !== field) || own.some((filter) => !passes(story, filter))) continue;
      for (const value of new Set(story[field] ?? [])) facets[field].set(value, (facets[field].get(value) ?? 0) + 1);
    }
    if (failed.length) continue;
    documents += 1;
    const m = month(story.date);
    months.set(m, (months.get(m) ?? 0) + 1);
  }
  return { documents, facets, months };
}

const SELECTIONS = [
  { name: 'topics:crude', filters: [{ field: 'topics', anyOf: ['crude'], noneOf: [] }] },
  {
    name: 'places:japan, not topics:trade',
    filters: [{ field: 'places', anyOf: ['japan'], noneOf: [] }, { field: 'topics', anyOf: [], noneOf: ['trade'] }],
  },
];

describe('facet counts and the timeline equal a count over the JSONL', { skip: missing }, () => {
  let site, page, problems;
  before(async () => {
    site = await openSite({ dir: dist, withPage: false });
    page = await site.browser.context.newPage();
    problems = watchPage(page);
    await page.route(
      (url) => url.pathname.endsWith('/counts.html'),
      (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>counts</title>' }),
    );
    await page.goto(`${site.server.url}counts.html`);
  });
  after(() => closeSite(site));

  for (const selection of SELECTIONS) {
    test(selection.name, async (t) => {
      const expected = await countJsonl(selection.filters);
      const shown = await page.evaluate(
        async ([moduleUrl, filters]) => {
          const annals = await import(moduleUrl);
          await annals.init();
          const facets = await annals.facets('', { filters });
          const timeline = await annals.timeline('', { filters, granularity: 'month' });
          const total = (await annals.search('', { filters, limit: 1 })).total;
          return { facets, timeline, total };
        },
        [`${site.server.url}annals.js`, selection.filters],
      );
      assert.equal(shown.total, expected.documents, "documents selected");
      t.diagnostic(`${expected.documents} documents, ${shown.timeline.bins.length} months`);
      for (const field of FIELDS) {
        const values = shown.facets.find((f) => f.field === field)?.values ?? [];
        for (const { value, count } of values) {
          assert.equal(count, expected.facets[field].get(value) ?? 0, `${field} = ${value}`);
        }
        // Every value of the field is listed, or the list stops at a value
        // no more frequent than any left out.
        if (values.length < expected.facets[field].size) {
          const listed = new Set(values.map((v) => v.value));
          const leftOut = Math.max(...[...expected.facets[field]].filter(([v]) => !listed.has(v)).map(([, n]) => n));
          assert.ok(values.at(-1).count >= leftOut, `${field}: the ${values.length} values listed are the most frequent`);
        }
      }
      const byMonth = new Map(shown.timeline.bins.map((bin) => [bin.start.slice(0, 7), bin.count]));
      for (const [m, count] of expected.months) {
        if (m === null) continue;
        assert.equal(byMonth.get(m) ?? 0, count, `documents of ${m}`);
      }
      const binned = shown.timeline.bins.reduce((sum, bin) => sum + bin.count, 0);
      assert.equal(binned + shown.timeline.undated, expected.documents, 'every document in a bin or undated');
      assertNoProblems(problems);
    });
  }
});
