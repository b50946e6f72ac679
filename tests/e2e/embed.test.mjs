// Annals outside its own page: the one-file annals.html opened from disk,
// the annals.js module (search() and mount()) on a site served from a
// sub-path, explorers mounted beside hostile CSS under a strict
// Content-Security-Policy, several explorers on one page, and the three
// embedding examples in dist/examples/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  SEED, assertNoProblems, closeSite, distDir, openApp, openBrowser, openSite, requireDist, screenshot,
  typeQuery, watchPage,
} from './helpers.mjs';

const ROBERTSON = [SEED.monitor_2000_02_09, SEED.monitor_2000_02_17, SEED.monitor_2000_12_20, SEED.nato_review_2001].sort();

/** The ids listed inside the explorer mounted in `host` (a CSS selector), sorted. */
function idsIn(page, host) {
  return page.$$eval(`${host} [data-doc-id]`, (hits) => hits.map((hit) => hit.dataset.docId).sort());
}

/** Types into the search box of the explorer in `host` and waits for its answer. */
async function typeInto(page, host, text) {
  const box = page.locator(host).getByLabel('Search the documents');
  await box.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 15 });
  await page.locator(`${host} section.results[data-query="${text}"]`).waitFor({ timeout: 10_000 });
}

/** Records every Content-Security-Policy violation the page reports. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

/** A few computed styles of the explorer's parts, to compare across pages. */
function explorerLooks(page, root) {
  return page.evaluate((root) => {
    const within = root ? document.querySelector(root).shadowRoot : document;
    const look = (selector) => {
      const element = within.querySelector(selector);
      const style = getComputedStyle(element);
      return {
        font: `${style.fontFamily} ${style.fontSize} ${style.fontWeight} ${style.lineHeight}`,
        color: style.color,
        text: `${style.textTransform} ${style.letterSpacing} ${style.textAlign}`,
        display: style.display,
        width: element.getBoundingClientRect().width,
      };
    };
    return {
      title: look('.corpus-title'),
      box: look('#search-box'),
      hitTitle: look('[data-doc-id] h2, [data-doc-id] h3'),
      snippet: look('[data-doc-id] .snippet'),
      mark: look('[data-doc-id] mark'),
    };
  }, root);
}

describe('annals.html, one file opened from disk', () => {
  let browser;
  let folder;

  before(async () => {
    await requireDist();
    browser = await openBrowser();
    folder = await mkdtemp(join(tmpdir(), 'annals-one-file-'));
    await copyFile(join(distDir, 'annals.html'), join(folder, 'annals.html'));
  });

  after(async () => {
    await browser?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('alone in an empty folder, as file://, it searches with nothing fetched', async (t) => {
    assert.deepEqual(await readdir(folder), ['annals.html']);
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    const url = pathToFileURL(join(folder, 'annals.html')).href;
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await openApp(page, url);
    await typeQuery(page, 'Robertson');
    assert.deepEqual(await page.$$eval('[data-doc-id]', (hits) => hits.map((hit) => hit.dataset.docId).sort()), ROBERTSON);
    assert.equal(await page.locator('[data-doc-id] .snippet mark').first().innerText(), 'Robertson');
    // The page itself is the only request (the icon is a data: URL).
    assert.deepEqual(requests.filter((request) => !request.startsWith('data:')), [url]);
    assertNoProblems(problems);
    t.diagnostic(await screenshot(page, 'one-file-results'));
    await page.close();
  });
});

describe('annals.js on a site served from a sub-path', () => {
  let server, browser;
  before(async () => {
    ({ server, browser } = await openSite({ withPage: false }));
  });
  after(() => closeSite({ server, browser }));

  /** A page of the site that loads nothing but this HTML (its own scripts inline). */
  async function hostPage(name, html) {
    const page = await browser.context.newPage();
    await page.route((url) => url.pathname === `${new URL(server.url).pathname}${name}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    return page;
  }

  test('search() returns plain JSON with the seed ids; data functions forward or say they are missing', async () => {
    const page = await hostPage('api.html', '<!doctype html><link rel="icon" href="data:,"><title>api</title>');
    const problems = watchPage(page);
    await page.goto(`${server.url}api.html`);
    const answer = await page.evaluate(async (moduleUrl) => {
      const annals = await import(moduleUrl);
      let early;
      try {
        annals.search('Robertson');
      } catch (error) {
        early = error.message;
      }
      await annals.init();
      await annals.init(); // a second call is harmless
      const results = annals.search('Robertson', { limit: 10 });
      const paged = annals.search('Robertson', { limit: 2, offset: 2, sort: 'oldest' });
      const data = {};
      for (const name of ['facets', 'timeline', 'trends', 'concordance', 'mentions']) {
        try {
          const value = name === 'trends' ? annals.trends(['nato'], {}) : annals[name]('Robertson', {});
          data[name] = { provided: annals.provides(name), ok: JSON.parse(JSON.stringify(value)) !== null };
        } catch (error) {
          data[name] = { provided: annals.provides(name), error: `${error.constructor.name}: ${error.message}` };
        }
      }
      let badOptions;
      try {
        annals.search('x', { dateRange: ['yesterday', 'today'] });
      } catch (error) {
        badOptions = error.message;
      }
      return { early, results: JSON.parse(JSON.stringify(results)), paged, data, badOptions };
    }, `${server.url}annals.js`);

    assert.match(answer.early, /call `await init\(\)` first/);
    assert.equal(answer.results.total, 4);
    assert.deepEqual(answer.results.hits.map((hit) => hit.id).sort(), ROBERTSON);
    for (const hit of answer.results.hits) {
      assert.equal(typeof hit.title, 'string');
      assert.ok(hit.title.length > 0);
      assert.match(hit.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(hit.score > 0);
      const [start, end] = hit.marks[0];
      assert.match(hit.snippet.slice(start, end), /^Robertson/);
    }
    assert.deepEqual(answer.paged.hits.map((hit) => hit.id), [SEED.monitor_2000_12_20, SEED.nato_review_2001], 'oldest first, from the third');
    for (const [name, outcome] of Object.entries(answer.data)) {
      if (outcome.provided) assert.ok(outcome.ok, `${name}() answers: ${JSON.stringify(outcome)}`);
      else assert.equal(outcome.error, `Error: annals.${name}(): this build of Annals does not provide ${name}()`);
    }
    assert.match(answer.badOptions, /dateRange wants YYYY-MM-DD/);
    assertNoProblems(problems);
    await page.close();
  });

  test('mentions() lists the dates a query\'s documents mention, by date, with UTF-16 offsets; timeline() has a mentioned layer', async () => {
    const page = await hostPage('mentions.html', '<!doctype html><link rel="icon" href="data:,"><title>mentions</title>');
    const problems = watchPage(page);
    await page.goto(`${server.url}mentions.html`);
    const answer = await page.evaluate(async (moduleUrl) => {
      const annals = await import(moduleUrl);
      await annals.init();
      const all = annals.mentions('', { limit: 2000 });
      const page2 = annals.mentions('', { offset: 10, limit: 5 });
      const scoped = annals.mentions('Stepashin', { dateRange: ['1999-01-01', '1999-12-31'] });
      const written = annals.timeline('', { granularity: 'year' });
      const mentioned = annals.timeline('', { granularity: 'year', layer: 'mentioned' });
      return { provided: annals.provides('mentions'), all, page2, scoped, written, mentioned };
    }, `${server.url}annals.js`);
    assert.equal(answer.provided, true);
    const { all } = answer;
    assert.equal(all.mentions.length, all.total);
    assert.ok(all.total > 20, `${all.total} mentions`);
    const keys = ['id', 'title', 'date', 'start', 'end', 'surface', 'type', 'value', 'from', 'to', 'precision', 'sentence', 'mark'];
    for (const m of all.mentions) {
      assert.deepEqual(Object.keys(m).sort(), [...keys].sort());
      assert.equal(m.sentence.slice(m.mark[0], m.mark[1]), m.surface, JSON.stringify(m));
      assert.equal(m.end - m.start, m.surface.length);
      assert.match(m.from, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(m.from <= m.to);
    }
    const froms = all.mentions.map((m) => m.from);
    assert.deepEqual(froms, [...froms].sort(), 'in the order of the dates referred to');
    const january20 = all.mentions.find((m) => m.id === SEED.monitor_2000_02_09 && m.value === '2000-01-20');
    assert.deepEqual(
      { surface: january20.surface, type: january20.type, precision: january20.precision, from: january20.from, date: january20.date },
      { surface: 'January 20', type: 'DATE', precision: 'day', from: '2000-01-20', date: '2000-02-09' },
    );
    assert.deepEqual(answer.page2.mentions.map((m) => m.value), all.mentions.slice(10, 15).map((m) => m.value));
    assert.equal(answer.page2.total, all.total);
    assert.ok(answer.scoped.mentions.every((m) => m.id === SEED.monitor_1999_07_21));
    assert.ok(answer.scoped.total > 0);
    // The mentioned layer counts mentions, from 1997; the written one documents, from 1999.
    assert.equal(answer.written.bins[0].start, '1999-01-01');
    assert.equal(answer.mentioned.bins[0].start, '1997-01-01');
    assert.ok(answer.mentioned.bins.reduce((s, b) => s + b.count, 0) >= all.total);
    assertNoProblems(problems);
    await page.close();
  });

  test('the mount example renders and searches under a strict CSP, untouched by the hostile CSS', async (t) => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await watchCsp(page);
    const url = `${server.url}examples/mount.html`;
    await page.goto(url);
    await page.locator('#explorer .app[data-ready-ms]').waitFor({ timeout: 30_000 });
    // The policy is the page's own (a <meta>), and it forbids inline scripts.
    assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /script-src 'self' 'wasm-unsafe-eval'/);
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script on the page');

    await page.locator('#explorer section.results[data-query="Robertson"]').waitFor();
    assert.deepEqual(await idsIn(page, '#explorer'), ROBERTSON);
    await typeInto(page, '#explorer', 'Stepashin');
    assert.deepEqual(await idsIn(page, '#explorer'), [SEED.monitor_1999_07_21]);
    await typeInto(page, '#explorer', 'Robertson');

    // The results live in the shadow root, not in the host's DOM.
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-doc-id]').length), 0);
    assert.equal(await page.evaluate(() => document.getElementById('explorer').shadowRoot.querySelectorAll('[data-doc-id]').length), 4);
    // The host's address and title are its own.
    assert.equal(page.url(), url);
    assert.equal(await page.title(), 'Annals mounted in a page with hostile styles');

    // The host's CSS did change the host's own text ...
    const hostText = await page.locator('p.intro').evaluate((p) => getComputedStyle(p).color);
    assert.equal(hostText, 'rgb(255, 0, 0)');
    // ... and not the explorer: it looks as on its own page.
    const mounted = await explorerLooks(page, '#explorer');
    const own = await browser.context.newPage();
    await openApp(own, `${server.url}?q=Robertson`);
    const alone = await explorerLooks(own, null);
    await own.close();
    for (const part of Object.keys(alone)) {
      const { width: mountedWidth, ...mountedStyle } = mounted[part];
      const { width: aloneWidth, ...aloneStyle } = alone[part];
      assert.deepEqual(mountedStyle, aloneStyle, `${part} looks the same mounted as on the explorer's page`);
      assert.ok(Math.abs(mountedWidth - aloneWidth) < 60, `${part} is as wide (${mountedWidth} vs ${aloneWidth})`);
      assert.doesNotMatch(mountedStyle.font, /Comic/);
      assert.notEqual(mountedStyle.color, 'rgb(255, 0, 0)');
    }
    assert.notEqual(mounted.box.display, 'none', 'the host hides inputs; the explorer\'s is shown');

    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no CSP violation');
    assertNoProblems(problems);
    t.diagnostic(await screenshot(page, 'mount-hostile-css'));
    await page.close();
  });

  test('two explorers on one page keep their own state, theme and lifetime', async (t) => {
    const page = await hostPage('two.html', `<!doctype html>
      <meta charset="utf-8"><link rel="icon" href="data:,"><title>two explorers</title>
      <style>body { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin: 0; } #app { display: none; }</style>
      <div id="app">the host's own #app, not the explorer's</div>
      <div id="first"></div><div id="second"></div>
      <script type="module">
        import { init, mount } from './annals.js';
        await init();
        window.explorers = {
          first: mount(document.getElementById('first'), { query: 'Robertson', theme: 'light' }),
          second: mount(document.getElementById('second'), {
            query: 'NATO',
            filters: [{ field: 'publication', anyOf: ['Monitor'] }, { field: 'publication', none_of: ['NATO Review'] }],
            dateRange: ['2000-01-01', '2000-12-31'],
            theme: 'dark',
          }),
        };
        window.mountAgain = () => mount(document.getElementById('second'), { query: 'Stepashin' });
      </script>`);
    const problems = watchPage(page);
    await page.goto(`${server.url}two.html`);
    await page.locator('#first .app[data-ready-ms]').waitFor({ timeout: 30_000 });
    await page.locator('#second .app[data-ready-ms]').waitFor({ timeout: 30_000 });

    // The module started no explorer in the host's own #app.
    assert.equal(await page.locator('#app').innerText(), "the host's own #app, not the explorer's");
    assert.equal(await page.evaluate(() => document.getElementById('app').shadowRoot), null);

    assert.deepEqual(await idsIn(page, '#first'), ROBERTSON);
    // The filters (either spelling) and dates open as filters, shown as
    // chips the reader can remove; the box holds the query alone.
    assert.equal(await page.locator('#second').getByLabel('Search the documents').inputValue(), 'NATO');
    const chips = await page.locator('#second .chips li.chip').allInnerTexts();
    assert.ok(chips.some((c) => c.includes('Monitor')) && chips.some((c) => c.includes('not NATO Review')) && chips.some((c) => c.startsWith('Dates')), chips.join(' | '));
    assert.deepEqual(await idsIn(page, '#second'), [SEED.monitor_2000_02_09, SEED.monitor_2000_02_17, SEED.monitor_2000_12_20].sort());

    await typeInto(page, '#first', 'Stepashin');
    assert.deepEqual(await idsIn(page, '#first'), [SEED.monitor_1999_07_21]);
    assert.equal(await page.locator('#second section.results').getAttribute('data-query'), 'NATO', 'the other explorer is unchanged');
    assert.deepEqual(await idsIn(page, '#second'), [SEED.monitor_2000_02_09, SEED.monitor_2000_02_17, SEED.monitor_2000_12_20].sort());

    // Forced themes, whatever the system says (light here).
    const backgrounds = await page.evaluate(() => ['first', 'second'].map((id) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector('.app')).backgroundColor));
    assert.deepEqual(backgrounds, ['rgb(250, 250, 249)', 'rgb(18, 20, 23)']);
    t.diagnostic(await screenshot(page, 'mount-two-explorers'));

    // Unmounting one leaves the other working, and the element can take a new one.
    await page.evaluate(() => window.explorers.second.unmount());
    assert.equal(await page.evaluate(() => document.getElementById('second').shadowRoot.childElementCount), 0);
    await typeInto(page, '#first', 'Robertson');
    assert.deepEqual(await idsIn(page, '#first'), ROBERTSON);
    await page.evaluate(() => window.mountAgain());
    await page.locator('#second section.results[data-query="Stepashin"]').waitFor();
    assert.deepEqual(await idsIn(page, '#second'), [SEED.monitor_1999_07_21]);
    // Mounting twice into one element is refused, with a reason.
    assert.match(await page.evaluate(() => { try { window.mountAgain(); return 'mounted'; } catch (error) { return error.message; } }), /already holds an explorer/);
    assert.equal(new URL(page.url()).search, '', 'the host address is untouched');
    // The page's `/` key is the host's: no explorer takes focus with it.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, '/ moves no focus');
    // ... and the help does not promise it.
    assert.equal(
      await page.locator('#first #search-help').innerText(),
      'Results update as you type. Press Esc to clear. date:2001 finds what was written in 2001, mentions:2001 what speaks of 2001.',
    );
    assertNoProblems(problems);
    await page.close();
  });

  test('syncUrl: true reads and writes the host address', async () => {
    const page = await hostPage('synced.html', `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>synced</title>
      <div id="here"></div>
      <script type="module">
        import { init, mount } from './annals.js';
        await init();
        mount(document.getElementById('here'), { syncUrl: true, query: 'ignored when the address has one' });
      </script>`);
    const problems = watchPage(page);
    await page.goto(`${server.url}synced.html?q=Stepashin`);
    await page.locator('#here section.results[data-query="Stepashin"]').waitFor({ timeout: 30_000 });
    await typeInto(page, '#here', 'Robertson');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'Robertson');
    assertNoProblems(problems);
    await page.close();
  });

  test('the own-results example draws its list from search() alone', async (t) => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await watchCsp(page);
    await page.goto(`${server.url}examples/own-results.html`);
    await page.locator('#hits li[data-doc-id]').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await page.$$eval('#hits li', (items) => items.map((item) => item.dataset.docId).sort()), ROBERTSON);
    assert.equal(await page.locator('#count').innerText(), '4 documents');
    assert.equal(await page.locator('#hits li').first().locator('mark').first().innerText(), 'Robertson');
    // Markup typed as a query stays text.
    await page.locator('#query').fill('<img src=x onerror=alert(1)> Stepashin');
    await page.locator('#query').press('Enter');
    assert.equal(await page.locator('#hits img').count(), 0);
    await page.locator('#query').fill('Stepashin');
    await page.waitForFunction(() => document.querySelectorAll('#hits li').length === 1);
    assert.deepEqual(await page.$$eval('#hits li', (items) => items.map((item) => item.dataset.docId)), [SEED.monitor_1999_07_21]);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assertNoProblems(problems);
    t.diagnostic(await screenshot(page, 'own-results'));
    await page.close();
  });

  test('the iframe example shows the results of the query in its URL', async (t) => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}examples/iframe.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator('#app[data-ready-ms]').waitFor({ timeout: 30_000 });
    await frame.locator('section.results[data-query="Robertson"]').waitFor();
    const ids = await frame.locator('[data-doc-id]').evaluateAll((hits) => hits.map((hit) => hit.dataset.docId).sort());
    assert.deepEqual(ids, ROBERTSON);
    assert.equal(await frame.getByLabel('Search the documents').inputValue(), 'Robertson');
    assertNoProblems(problems);
    t.diagnostic(await screenshot(page, 'iframe'));
    await page.close();
  });
});
