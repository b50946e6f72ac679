// The split layout in the browser: the seed corpus built with
// `--layout split` (its core in the page, the rest in pieces/ fetched as
// questions need them) must show what the single layout shows, action for
// action: hits, snippets, counts, facets, the timeline, keyword in context,
// the chronology and the reader. A piece the host cannot serve must end in
// a message, not a page that waits for ever.
//
// `cargo xtask test` builds the split site and names it in SPLIT_DIST; the
// single site is ANNALS_DIST (dist/), from the same corpus.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assertNoProblems, closeSite, distDir, openApp, openBrowser, openSite, screenshot, serveDirectory, typeQuery, watchPage,
} from './helpers.mjs';

const splitDir = process.env.SPLIT_DIST;
const missing = splitDir ? false : 'no split site (set SPLIT_DIST; `cargo xtask test` builds it)';

/** Waits until no view of the page is fetching parts of the index. */
async function settled(page) {
  await page.waitForFunction(
    () => document.querySelector('section.results')?.dataset.view !== 'loading' && !document.querySelector('.fetching'),
    null,
    { timeout: 15_000 },
  );
}

/** What a person reads in the parts of the page an answer fills. */
async function answerText(page) {
  return page.evaluate(() => {
    const text = (selector) => document.querySelector(selector)?.innerText.trim() ?? '';
    return {
      count: text('#hit-count'),
      results: text('section.results'),
      facets: text('aside.facets'),
      timeline: [...document.querySelectorAll('.timeline-plot [data-count], .timeline-plot rect, .timeline-plot .bar')].map(
        (bar) => bar.getAttribute('data-count') ?? bar.getAttribute('aria-label') ?? bar.getAttribute('height'),
      ),
      reader: text('.reader'),
    };
  });
}

describe('the split layout', { skip: missing }, () => {
  let singleServer, splitServer, browser, single, split, singleProblems, splitProblems;
  const fetchedPieces = [];

  before(async () => {
    singleServer = await serveDirectory({ dir: distDir });
    splitServer = await serveDirectory({ dir: splitDir });
    browser = await openBrowser();
    single = await browser.context.newPage();
    split = await browser.context.newPage();
    singleProblems = watchPage(single);
    splitProblems = watchPage(split);
    split.on('request', (request) => {
      if (request.url().includes('/pieces/')) fetchedPieces.push(request.url());
    });
    await openApp(single, singleServer.url);
    await openApp(split, splitServer.url);
    await settled(split);
  });
  after(async () => {
    await browser?.close();
    await singleServer?.close();
    await splitServer?.close();
  });

  test('the page fetches pieces from beside itself, under its sub-path', () => {
    assert.ok(fetchedPieces.length > 0, 'the overview fetched some pieces');
    for (const url of fetchedPieces) assert.match(url, /\/sub\/path\/pieces\/[0-9a-f]{16}-\d+\.bin$/);
  });

  const QUERIES = ['Robertson', '"Founding Act"', 'Putin OR Ivanov', 'NATO -Russia', 'date:2001', 'mentions:2000', 'Robertsn', 'expan*'];
  for (const query of QUERIES) {
    test(`${query}: the same answer as the single layout`, async () => {
      await typeQuery(single, query);
      await typeQuery(split, query);
      await settled(split);
      await settled(single);
      assert.deepEqual(await answerText(split), await answerText(single));
    });
  }

  test('a facet value, keyword in context, the chronology and the reader show the same', async () => {
    for (const page of [single, split]) {
      await typeQuery(page, 'Russia');
      await settled(page);
      await page.locator('fieldset.facet[data-field="publication"] [data-value="Monitor"] input[type=checkbox]').check();
      await settled(page);
    }
    assert.deepEqual(await answerText(split), await answerText(single), 'filtered by Monitor');
    for (const tab of ['kwic', 'chronology', 'documents']) {
      for (const page of [single, split]) {
        await page.locator(`button.tab-button[data-tab="${tab}"]`).click();
        await settled(page);
      }
      assert.deepEqual(await answerText(split), await answerText(single), `the ${tab} view`);
    }
    for (const page of [single, split]) {
      await page.locator('[data-doc-id]').first().getByRole('button', { name: 'Open in the reader' }).click();
      await page.locator('.reader').waitFor();
      await settled(page);
    }
    await split.locator('.reader .similar li').first().waitFor();
    const [inSplit, inSingle] = [await answerText(split), await answerText(single)];
    assert.ok(inSplit.reader.length > 200, 'the reader shows the text');
    assert.match(inSplit.reader, /\nSimilar documents\n/);
    assert.equal(inSplit.reader, inSingle.reader, 'the text, its details and the similar documents');
    await screenshot(split, 'split-reader');
    for (const page of [single, split]) await page.getByRole('button', { name: '← Back to the list' }).click();
  });

  test('the terms view counts the same words, and the footer says what the split layout does', async () => {
    // The split page counts words over a bounded sample of the selection,
    // which for the seeds is every document: the same lists as the single page.
    for (const page of [single, split]) {
      await typeQuery(page, 'NATO');
      await settled(page);
      await page.locator('button.tab-button[data-tab="terms"]').click();
      await settled(page);
      await page.locator('.terms .term-list.frequent li').first().waitFor();
    }
    const inSplit = await answerText(split);
    assert.match(inSplit.results, /Read from all \d documents/);
    assert.match(inSplit.results, /Near “NATO”/i);
    assert.deepEqual(inSplit, await answerText(single), 'the terms view');
    assert.match(await split.locator('footer').innerText(), /in pieces beside this page/);
    await screenshot(split, 'split-terms');
  });

  test('nothing went wrong on either page', () => {
    assertNoProblems(singleProblems);
    assertNoProblems(splitProblems);
  });
});

describe('annals.js over a split index', { skip: missing }, () => {
  test('its functions give promises of the single index\'s answers', async () => {
    const [singleServer, splitServer] = [await serveDirectory({ dir: distDir }), await serveDirectory({ dir: splitDir })];
    const browser = await openBrowser();
    try {
      const answers = [];
      for (const server of [singleServer, splitServer]) {
        const page = await browser.context.newPage();
        const problems = watchPage(page);
        const host = `${new URL(server.url).pathname}api.html`;
        await page.route((url) => url.pathname === host, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>api</title>' }));
        await page.goto(`${server.url}api.html`);
        answers.push(
          await page.evaluate(async (moduleUrl) => {
            const annals = await import(moduleUrl);
            await annals.init();
            const direct = annals.search('Stepashin');
            const promised = direct instanceof Promise;
            const searched = await annals.search('Robertson', { limit: 10 });
            const facets = await annals.facets('Robertson');
            const lines = await annals.concordance('Robertson', { width: 30 });
            const timeline = await annals.complete(() => annals.timeline('Robertson'));
            return { split: annals.isSplit(), promised, stepashin: (await direct).total, searched, facets, lines, timeline };
          }, `${server.url}annals.js`),
        );
        assertNoProblems(problems);
        await page.close();
      }
      const [single, split] = answers;
      assert.deepEqual([single.split, split.split], [false, true]);
      assert.deepEqual([single.promised, split.promised], [false, true], 'a split index answers with promises');
      assert.equal(split.searched.total, 4);
      const { split: _a, promised: _b, ...splitAnswers } = split;
      const { split: _c, promised: _d, ...singleAnswers } = single;
      assert.deepEqual(splitAnswers, singleAnswers);
    } finally {
      await browser.close();
      await singleServer.close();
      await splitServer.close();
    }
  });
});

describe('the own-results example on a split site', { skip: missing }, () => {
  test('draws the latest query\'s hits from search()\'s promises', async () => {
    const server = await serveDirectory({ dir: splitDir });
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      await page.goto(`${server.url}examples/own-results.html`);
      await page.locator('#hits li[data-doc-id]').first().waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#count').innerText(), '4 documents');
      // Typed one key at a time: every prefix asks, only the last is drawn.
      await page.locator('#query').fill('');
      await page.locator('#query').pressSequentially('Stepashin', { delay: 5 });
      await page.waitForFunction(() => document.querySelector('#count')?.textContent === '1 document');
      await page.waitForTimeout(300);
      assert.equal(await page.locator('#count').innerText(), '1 document');
      assertNoProblems(problems);
    } finally {
      await closeSite({ server, browser });
    }
  });
});

describe('a split site whose host cannot serve the pieces', { skip: missing }, () => {
  test('says so in the results area instead of waiting', async () => {
    const server = await serveDirectory({ dir: splitDir, refuse: /^pieces\// });
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await openApp(page, server.url);
      await typeQuery(page, 'Robertson');
      const problem = page.locator('section.results .problem[role="alert"]');
      await problem.waitFor({ timeout: 15_000 });
      assert.match(await problem.innerText(), /could not be fetched.*pieces\/[0-9a-f]{16}-\d+\.bin.*HTTP 404/s);
      await screenshot(page, 'split-unreachable');
    } finally {
      await closeSite({ server, browser });
    }
  });
});

describe('a split view whose pieces are on their way', { skip: missing }, () => {
  test('says it is fetching them, then shows the answer', async () => {
    const site = await openSite({ dir: splitDir });
    const { page, server } = site;
    try {
      await openApp(page, server.url);
      await typeQuery(page, 'Russia');
      await settled(page);
      // The search has read what it needs; the chronology reads the
      // mentioned dates, in pieces no search reads. Hold those back.
      const held = [];
      let holding = true;
      await page.route((url) => url.pathname.includes('/pieces/'), (route) => (holding ? held.push(route) : route.continue()));
      await page.locator('button.tab-button[data-tab="chronology"]').click();
      const fetching = page.locator('section.results .fetching[role="status"]');
      await fetching.waitFor({ timeout: 15_000 });
      assert.match(await fetching.innerText(), /Fetching the parts of the index/);
      assert.ok(held.length > 0, 'the chronology asked for pieces');
      await screenshot(page, 'split-fetching');
      holding = false;
      for (const route of held.splice(0)) await route.continue();
      await settled(page);
      assert.ok((await page.locator('section.results').innerText()).includes('1999'), 'the chronology is shown');
      assertNoProblems(site.problems);
    } finally {
      await closeSite(site);
    }
  });
});
