// The command line and annals.js answer the same request with the same
// documents: every case below runs through `annals search … --json` over the
// index of the corpus the site was built from, and through annals.js's
// search(query, options) in headless Chromium on the built site, and must
// give the same ids in the same order, the same total and the same notices.
// Scores are not compared: native and WebAssembly floats may differ in the
// last bits, while the order (ties broken by corpus order) may not.
//
// The cases cover the query language (words, phrase, prefix, typo, NOT, OR,
// date: in the query), the empty query with filters, long queries at and
// past the engine's bounds (2,000 bytes, 64 words), many filters at and past
// the 64-value bound, a date range, both date orders, large pages and the
// 10,000-hit cap, and paging. They run on the seed site (dist/, the index
// of corpus/) and on Reuters-21578 (REUTERS_DIST, indexed from
// examples/reuters21578/corpus.toml), which is skipped with a message when
// its data or site is missing, like reuters.test.mjs.
//
// The `annals` binary is ANNALS_BIN (cargo xtask test passes the one it
// built); without it, `cargo build --release --bin annals` runs first.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { closeSite, distDir, openSite, repoRoot, requireDist, watchPage, assertNoProblems } from './helpers.mjs';

const reutersJsonl = process.env.REUTERS_JSONL ?? join(repoRoot, '../shared/corpora/reuters21578/reuters21578.jsonl');
const reutersDist = process.env.REUTERS_DIST ?? join(repoRoot, 'target/bench/dist-reuters');
const reutersMissing = !existsSync(reutersJsonl)
  ? `Reuters-21578 data is not at ${reutersJsonl}`
  : !existsSync(join(reutersDist, 'index.html'))
    ? `no Reuters site at ${reutersDist} (cargo xtask test or cargo xtask bench builds it)`
    : null;
if (reutersMissing) console.log(`# skipping the Reuters parity tests: ${reutersMissing}`);

const BIG = 256 * 1024 * 1024;

/** The `annals` binary: ANNALS_BIN, else the release build (made current first). */
function annalsBinary() {
  if (process.env.ANNALS_BIN) return resolve(process.env.ANNALS_BIN);
  const built = spawnSync('cargo', ['build', '--release', '--bin', 'annals'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  assert.equal(built.status, 0, 'cargo build --release --bin annals failed');
  return join(repoRoot, 'target', 'release', process.platform === 'win32' ? 'annals.exe' : 'annals');
}

/** Runs `annals` with `args`; its stdout and stderr, or a failure naming both. */
function runAnnals(bin, args) {
  const run = spawnSync(bin, args, { cwd: repoRoot, maxBuffer: BIG, encoding: 'utf8' });
  assert.equal(run.status, 0, `annals ${args.slice(0, 4).join(' ')} … failed: ${run.stderr}`);
  return run;
}

/** `search(query, options)`'s options as `annals search` flags. */
function cliArgs(query, options = {}) {
  const args = [query, '--json', '--limit', String(options.limit ?? 10), '--offset', String(options.offset ?? 0)];
  if (options.sort) args.push('--sort', options.sort);
  for (const filter of options.filters ?? []) {
    for (const value of filter.anyOf ?? []) args.push('--filter', `${filter.field}=${value}`);
    for (const value of filter.noneOf ?? []) args.push('--exclude', `${filter.field}=${value}`);
  }
  if (options.dateRange) args.push('--from', options.dateRange[0], '--to', options.dateRange[1]);
  return args;
}

/** The CLI's answer: ids in order, the total (null when the page is empty) and the notices. */
function cliSearch(bin, index, query, options = {}) {
  const run = runAnnals(bin, ['search', index, ...cliArgs(query, options)]);
  const hits = run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const offset = options.offset ?? 0;
  hits.forEach((hit, i) => assert.equal(hit.rank, offset + i + 1, 'ranks count on from the offset'));
  const totals = new Set(hits.map((hit) => hit.total));
  assert.ok(totals.size <= 1, 'every line of one query carries the same total');
  const notices = run.stderr.split('\n').filter((line) => line.startsWith('note: ')).map((line) => line.slice(6));
  return { ids: hits.map((hit) => hit.id), total: hits.length ? hits[0].total : null, notices };
}

/** annals.js's answer in the page, in the same shape. */
async function jsSearch(page, query, options = {}) {
  return page.evaluate(
    ([query, options]) => {
      const results = window.annals.search(query, options);
      return { ids: results.hits.map((hit) => hit.id), total: results.total, notices: results.notices };
    },
    [query, options],
  );
}

/** A page of `site` that has imported and started annals.js as `window.annals`. */
async function annalsPage(browser, server) {
  const page = await browser.context.newPage();
  const problems = watchPage(page);
  const prefix = new URL(server.url).pathname;
  await page.route((url) => url.pathname === `${prefix}parity.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>parity</title>' }),
  );
  await page.goto(`${server.url}parity.html`);
  await page.evaluate(async (moduleUrl) => {
    window.annals = await import(moduleUrl);
    await window.annals.init();
  }, `${server.url}annals.js`);
  return { page, problems };
}

/**
 * Runs one case both ways and asserts they agree; returns the answer.
 * `some`: the case must find something (so that agreement is not two empty lists).
 */
async function agree(t, { bin, index, page }, query, options = {}, { some = true } = {}) {
  const cli = cliSearch(bin, index, query, options);
  const js = await jsSearch(page, query, options);
  assert.deepEqual(cli.ids, js.ids, 'the same ids in the same order');
  if (cli.total !== null) assert.equal(cli.total, js.total, 'the same total');
  else assert.equal(js.ids.length, 0, 'the CLI printed no hit, so annals.js may list none');
  assert.deepEqual(cli.notices, js.notices, 'the same notices');
  if (some) assert.ok(js.total > 0 && js.ids.length > 0, `${JSON.stringify(query).slice(0, 60)} should find something`);
  t.diagnostic(`${js.ids.length} of ${js.total} hits agree${js.notices.length ? `; notices: ${js.notices.join(' | ')}` : ''}`);
  return js;
}

/** Distinct words of four letters or more, in first-seen order. */
function vocabulary(texts, count) {
  const seen = new Set();
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) {
      if (['that', 'with', 'this', 'from', 'have', 'were', 'which', 'said'].includes(word)) continue;
      seen.add(word);
      if (seen.size >= count) return [...seen];
    }
  }
  return [...seen];
}

/** `n` filter values over several fields: the first value of each list is a keep, the rest are excludes. */
function manyFilters(fields, n) {
  const filters = fields.map(({ field, anyOf = [], noneOf = [] }) => ({ field, anyOf: [...anyOf], noneOf: [...noneOf] }));
  let count = filters.reduce((sum, f) => sum + f.anyOf.length + f.noneOf.length, 0);
  for (let i = 0; count < n; i += 1, count += 1) filters[i % filters.length].noneOf.push(`no-such-value-${i}`);
  return filters;
}

/**
 * The cases every corpus runs. `w` names the corpus's own words and values
 * so each case finds something there.
 */
function defineCases(ctx, w) {
  // A query may be a function: long queries are made from the corpus's
  // words, which are read when the suite starts.
  // Without options, the first 1,000 hits are compared: whole rankings.
  const run = (query, options = { limit: 1000 }, expect = undefined) => (t) =>
    agree(t, ctx(), typeof query === 'function' ? query() : query, options, expect);

  test('plain words', run(w.words));
  test('a phrase', run(w.phrase));
  test('a prefix', run(w.prefix));
  test('a typo, corrected by the engine', run(w.typo));
  test('an explicit fuzzy word', run(w.fuzzy));
  test('NOT', run(w.not));
  test('OR', run(w.or));
  test('date: in the query', run(w.dateInQuery));
  test('a facet field in the query', run(w.facetInQuery));
  test('broken syntax is read the same way', run(w.broken, { limit: 1000 }, { some: false }));
  test('the empty query with filters', run('', { filters: w.filters, limit: 50 }));
  test('the empty query, nothing else', run('', { limit: 20 }, { some: false }));

  test('a 600-character query', run(() => w.long(600), { limit: 1000 }));
  test('a query past the 2,000-byte bound', run(() => w.long(3000), { limit: 1000 }));
  test('a 64-word query', run(() => w.words64(64), { limit: 1000 }));
  test('a 70-word query, cut to 64 words', async (t) => {
    const answer = await agree(t, ctx(), w.words64(70), { limit: 1000 });
    assert.ok(answer.notices.length > 0, 'the cut is reported');
    // What is left after the cut is the 64-word query.
    const cut = await jsSearch(ctx().page, w.words64(64), { limit: 1000 });
    assert.deepEqual(answer.ids, cut.ids);
  });

  test('five filter fields, kept and excluded values, 64 values in all', async (t) => {
    const filters = manyFilters(w.manyFilters, 64);
    assert.equal(filters.reduce((sum, f) => sum + f.anyOf.length + f.noneOf.length, 0), 64);
    const answer = await agree(t, ctx(), w.filteredQuery, { filters, limit: 500 });
    assert.deepEqual(answer.notices, [], 'no value is dropped at the bound');
  });
  test('past the 64-value bound: the first 64 values are used, the same way', async (t) => {
    const first64 = manyFilters(w.manyFilters, 64);
    // Six more values that would change the answer if they were read.
    const filters = [...first64, { field: w.pastBound.field, anyOf: w.pastBound.anyOf, noneOf: [] }];
    const answer = await agree(t, ctx(), w.filteredQuery, { filters, limit: 500 });
    assert.ok(answer.notices.some((notice) => /filter values/.test(notice)), JSON.stringify(answer.notices));
    const bounded = await jsSearch(ctx().page, w.filteredQuery, { filters: first64, limit: 500 });
    assert.deepEqual(answer.ids, bounded.ids);
    assert.equal(answer.total, bounded.total);
  });

  test('a date range', run(w.dateQuery, { dateRange: w.dateRange, limit: 200 }));
  test('a date range with filters, newest first', run(w.dateQuery, { dateRange: w.dateRange, filters: w.filters, sort: 'newest', limit: 200 }, { some: w.dateAndFilterFinds }));
  test('newest first', run(w.sortQuery, { sort: 'newest', limit: 500 }));
  test('oldest first', run(w.sortQuery, { sort: 'oldest', limit: 500 }));
  test('the empty query with filters, oldest first', run('', { filters: w.filters, sort: 'oldest', limit: 500 }));
  test('limit 5000', run(w.bigQuery, { limit: 5000 }));
  test('limit 5000 of the empty query with a filter', run('', { filters: w.bigFilter, limit: 5000 }));
  test('past the 10,000-hit cap', run('', { filters: w.capFilter, limit: 12_000 }, { some: w.capFinds }));

  for (const sort of ['relevance', 'newest', 'oldest']) {
    test(`paging (${sort}): offset 0 and 100 by 100 equal offset 0 by 200, in both`, async (t) => {
      const { bin, index, page } = ctx();
      const base = { sort, filters: w.pagingFilters };
      const whole = await agree(t, ctx(), w.pagingQuery, { ...base, limit: 200 });
      const first = await agree(t, ctx(), w.pagingQuery, { ...base, limit: 100 });
      const second = await agree(t, ctx(), w.pagingQuery, { ...base, limit: 100, offset: 100 }, { some: whole.total > 100 });
      assert.deepEqual([...first.ids, ...second.ids], whole.ids);
      const cliWhole = cliSearch(bin, index, w.pagingQuery, { ...base, limit: 200 });
      const cliPages = [0, 100].flatMap((offset) => cliSearch(bin, index, w.pagingQuery, { ...base, limit: 100, offset }).ids);
      assert.deepEqual(cliPages, cliWhole.ids);
      // Far past the end: nothing, in both.
      await agree(t, { bin, index, page }, w.pagingQuery, { ...base, limit: 10, offset: 1_000_000 }, { some: false });
    });
  }
}

/** Sets up one corpus: the index the CLI reads, the site, a page with annals.js. */
function suite(name, { skip, dist, indexSource, words }) {
  describe(name, { skip: skip ?? false }, () => {
    let bin, index, server, browser, page, problems, folder;
    before(async () => {
      if (dist === distDir) await requireDist();
      bin = annalsBinary();
      folder = await mkdtemp(join(tmpdir(), 'annals-parity-'));
      index = join(folder, 'corpus.idx');
      const source = await indexSource(folder);
      const built = runAnnals(bin, ['index', source, '--out', index]);
      console.log(`# ${name}: ${built.stdout.trim()}`);
      ({ server, browser } = await openSite({ dir: dist, requireSite: false, withPage: false }));
      ({ page, problems } = await annalsPage(browser, server));
      Object.assign(words, await words.load?.());
    });
    after(async () => {
      if (problems) assertNoProblems(problems);
      await closeSite({ server, browser });
      if (folder) await rm(folder, { recursive: true, force: true });
    });
    defineCases(() => ({ bin, index, page }), words);
  });
}

// The seed corpus: five documents, one facet field (publication).
const seedWords = {
  words: 'nato russia',
  phrase: '"founding act"',
  prefix: 'found*',
  typo: 'robertsen',
  fuzzy: 'stepashen~',
  not: 'robertson -albright',
  or: 'chechnya OR stepashin',
  dateInQuery: 'nato date:2000',
  facetInQuery: 'robertson publication:monitor',
  broken: '"nato (russia OR) -',
  filters: [{ field: 'publication', anyOf: ['Monitor'], noneOf: [] }],
  filteredQuery: 'nato',
  // Five fields: publication is the seeds' one facet; the others do not
  // exist, and an unknown field excludes nothing.
  manyFilters: [
    { field: 'publication', anyOf: ['Monitor', 'NATO Review'] },
    { field: 'topics' }, { field: 'places' }, { field: 'people' }, { field: 'orgs' },
  ],
  pastBound: { field: 'publication', anyOf: ['no-such-publication'] },
  dateQuery: 'nato',
  dateRange: ['2000-01-01', '2000-12-31'],
  dateAndFilterFinds: true,
  sortQuery: 'nato',
  bigQuery: 'nato',
  bigFilter: [{ field: 'publication', anyOf: ['Monitor', 'NATO Review'], noneOf: [] }],
  capFilter: [{ field: 'publication', anyOf: ['Monitor'], noneOf: [] }],
  capFinds: true,
  pagingQuery: 'the',
  pagingFilters: [],
  async load() {
    const folder = join(repoRoot, 'corpus');
    const files = (await readdir(folder)).filter((f) => f.endsWith('.txt')).sort();
    const texts = await Promise.all(files.map((f) => readFile(join(folder, f), 'utf8')));
    return queryBuilders(vocabulary(texts, 200));
  },
};

// Reuters-21578: 21,578 stories, six facet fields.
const reutersWords = {
  words: 'oil prices',
  phrase: '"crude oil"',
  prefix: 'petro*',
  typo: 'petrolium',
  fuzzy: 'cofee~',
  not: 'oil NOT opec',
  or: 'coffee OR cocoa',
  dateInQuery: 'oil date:1987-03',
  facetInQuery: 'prices topics:crude',
  broken: '"oil (prices OR) -',
  filters: [
    { field: 'topics', anyOf: ['crude', 'nat-gas'], noneOf: [] },
    { field: 'places', anyOf: [], noneOf: ['usa'] },
  ],
  filteredQuery: 'oil',
  manyFilters: [
    { field: 'topics', anyOf: ['crude', 'nat-gas', 'ship'], noneOf: ['earn'] },
    { field: 'places', noneOf: ['japan', 'uk'] },
    { field: 'people', noneOf: ['reagan'] },
    { field: 'orgs', noneOf: ['ec'] },
    { field: 'exchanges', noneOf: ['nyse'] },
  ],
  // Read, this would keep only the test split.
  pastBound: { field: 'split', anyOf: ['test'] },
  dateQuery: 'oil',
  dateRange: ['1987-03-01', '1987-03-31'],
  dateAndFilterFinds: true,
  sortQuery: 'oil',
  bigQuery: 'oil',
  bigFilter: [{ field: 'topics', anyOf: ['earn'], noneOf: [] }],
  // 14,668 stories in the training split: more than one request returns.
  capFilter: [{ field: 'split', anyOf: ['train'], noneOf: [] }],
  capFinds: true,
  pagingQuery: 'oil',
  pagingFilters: [],
  async load() {
    const texts = [];
    const lines = createInterface({ input: createReadStream(reutersJsonl), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      texts.push(JSON.parse(line).body ?? '');
      if (texts.length >= 50) break;
    }
    lines.close();
    return queryBuilders(vocabulary(texts, 200));
  },
};

/** Long queries made of the corpus's own words: `long(chars)` and `words64(n)`, both ORs. */
function queryBuilders(words) {
  return {
    long(chars) {
      let text = '';
      for (let i = 0; text.length < chars; i += 1) text += (i ? ' OR ' : '') + words[i % words.length];
      return text.slice(0, chars);
    },
    words64(n) {
      return words.slice(0, n).join(' OR ');
    },
  };
}

suite('the seed corpus: annals search and annals.js agree', {
  dist: distDir,
  indexSource: async () => join(repoRoot, 'corpus'),
  words: seedWords,
});

suite('Reuters-21578: annals search and annals.js agree', {
  skip: reutersMissing,
  dist: reutersDist,
  // The corpus.toml the site was built from, reading the data beside it:
  // the link xtask made, or a temporary folder with its own link.
  async indexSource(folder) {
    const toml = join(repoRoot, 'examples/reuters21578/corpus.toml');
    if (existsSync(join(repoRoot, 'examples/reuters21578/reuters21578.jsonl'))) return toml;
    const corpus = join(folder, 'reuters');
    await mkdir(corpus, { recursive: true });
    await copyFile(toml, join(corpus, 'corpus.toml'));
    await symlink(resolve(reutersJsonl), join(corpus, 'reuters21578.jsonl'));
    return join(corpus, 'corpus.toml');
  },
  words: reutersWords,
});

