// Live rebuild: while `trunk serve` runs, editing a corpus file rebuilds the
// embedded index and the page finds the new word. Uses a copy of the seed
// corpus in a temporary folder (ANNALS_CORPUS) so the project's own corpus
// is never touched, and its own dist folder so the release build under test
// elsewhere is left alone. Skipped, saying why, when trunk is not installed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  SEED, assertNoProblems, currentView, hitIds, markedWords, openBrowser, repoRoot, typeQuery, watchPage,
} from './helpers.mjs';

// The first dev build of the app can take minutes on a small, busy machine.
const FIRST_BUILD_LIMIT_MS = 10 * 60_000;
const REBUILD_LIMIT_MS = 6 * 60_000;
const NEW_WORD = 'Quokkafest';

const trunkMissing = spawnSync('trunk', ['--version'], { encoding: 'utf8' }).status !== 0;

let workDir;
let trunk;
let trunkLog = '';
let browser;

/** A port nobody is listening on right now. */
async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

function withoutNoColor(env) {
  const { NO_COLOR: _ignored, ...rest } = env;
  return rest;
}

/** Retries `attempt` until it returns something truthy or time runs out. */
async function eventually(what, limitMs, attempt) {
  const deadline = Date.now() + limitMs;
  let lastError;
  while (Date.now() < deadline) {
    if (trunk.exitCode !== null) {
      throw new Error(`trunk serve exited (${trunk.exitCode}) while waiting for ${what}:\n${trunkLog.slice(-3000)}`);
    }
    try {
      const result = await attempt();
      if (result) return result;
    } catch (error) {
      lastError = error;
    }
    await new Promise((done) => setTimeout(done, 2_000));
  }
  throw new Error(`gave up waiting for ${what} after ${limitMs / 1000} s (${lastError ?? 'no error'})\n${trunkLog.slice(-3000)}`);
}

before(async () => {
  if (trunkMissing) return;
  workDir = await mkdtemp(join(tmpdir(), 'annals-serve-'));
  await cp(join(repoRoot, 'corpus'), join(workDir, 'corpus'), { recursive: true });
  browser = await openBrowser();
});

after(async () => {
  if (trunk && trunk.exitCode === null) {
    // trunk runs cargo and friends in its process group; stop them all.
    try { process.kill(-trunk.pid, 'SIGTERM'); } catch { /* already gone */ }
    await new Promise((done) => { trunk.once('exit', done); setTimeout(done, 5_000); });
  }
  await browser?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test('editing a corpus file while trunk serve runs rebuilds the page', {
  skip: trunkMissing && 'trunk is not on PATH (cargo xtask setup installs it); the live-rebuild test needs it',
  timeout: FIRST_BUILD_LIMIT_MS + REBUILD_LIMIT_MS + 60_000,
}, async (t) => {
  const corpus = join(workDir, 'corpus');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const binaryen = join(repoRoot, '.tools', 'node_modules', 'binaryen', 'bin');
  trunk = spawn('trunk', [
    'serve', '--color', 'never', '--offline', '--address', '127.0.0.1', '--port', String(port),
    '--dist', join(workDir, 'dist'), '--watch', corpus, '--no-autoreload',
  ], {
    cwd: repoRoot,
    // Trunk reads NO_COLOR as a flag's value and refuses anything but true/false.
    env: { ...withoutNoColor(process.env), ANNALS_CORPUS: corpus, PATH: `${binaryen}:${process.env.PATH}` },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => { trunkLog = (trunkLog + chunk).slice(-20_000); };
  trunk.stdout.on('data', keep);
  trunk.stderr.on('data', keep);

  const page = await browser.context.newPage();
  const problems = watchPage(page);
  const started = Date.now();

  /** Loads the page with `query` in its address once the served build has it. */
  const load = async (query) => {
    const response = await page.goto(`${url}?q=${encodeURIComponent(query)}`);
    if (!response?.ok()) return false;
    await page.locator('#app[data-ready-ms]').waitFor({ timeout: 15_000 });
    return true;
  };

  await eventually('the first build to be served', FIRST_BUILD_LIMIT_MS, () => load(NEW_WORD));
  t.diagnostic(`first build served after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  assert.equal(await currentView(page), 'no-results', `"${NEW_WORD}" is in no seed document yet`);

  // A person edits a document: a new word, and some markup that must show
  // as text once it is in a snippet.
  const edited = join(corpus, SEED.monitor_1999_07_21);
  await appendFile(edited, `\n\nThe ${NEW_WORD} delegation wrote <script>alert("corpus")</script> in its notes.\n`);
  const editedAt = Date.now();

  await eventually(`the rebuilt page to find "${NEW_WORD}"`, REBUILD_LIMIT_MS, async () => {
    await load(NEW_WORD);
    return (await currentView(page)) === 'results';
  });
  t.diagnostic(`rebuilt and found the new word ${((Date.now() - editedAt) / 1000).toFixed(0)} s after the edit`);

  // And as a person would find it: by typing.
  await typeQuery(page, 'Stepashin');
  await typeQuery(page, NEW_WORD);
  assert.deepEqual(await hitIds(page), [SEED.monitor_1999_07_21]);
  assert.ok((await markedWords(page, SEED.monitor_1999_07_21)).includes(NEW_WORD));
  const snippet = await page.locator(`[data-doc-id="${SEED.monitor_1999_07_21}"] .snippet`).innerText();
  if (snippet.includes('alert')) {
    assert.ok(snippet.includes('<script>'), `corpus markup shows as its characters: ${snippet}`);
  }
  assert.equal(await page.locator('section.results script').count(), 0);
  assertNoProblems(problems);
});
