// How the page looks: screenshots at desktop and phone widths, light and
// dark, written to tests/e2e/screenshots/ for people to look at; and the
// checks a screenshot cannot make on its own: no sideways scrolling on a
// phone, landmarks and labels present, focus visible.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assertNoProblems, closeSite, openApp, openSite, screenshot, scrollsSideways, searchBox, typeQuery,
} from './helpers.mjs';

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 375, height: 812 },
];
const SCHEMES = ['light', 'dark'];

describe('layout and accessibility', () => {
  let server, browser, page, problems;
  before(async () => {
    ({ server, browser, page, problems } = await openSite());
  });
  after(() => closeSite({ server, browser }));

  for (const { name, width, height } of WIDTHS) {
    for (const scheme of SCHEMES) {
      test(`${name} (${width} px), ${scheme}: screenshots, no sideways scroll`, async (t) => {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: scheme });
        await openApp(page, server.url);
        assert.equal(await scrollsSideways(page), false, 'the overview fits the width');
        t.diagnostic(await screenshot(page, `overview-${width}-${scheme}`));

        await typeQuery(page, 'Robertson');
        assert.equal(await scrollsSideways(page), false, 'the results fit the width');
        t.diagnostic(await screenshot(page, `results-${width}-${scheme}`));

        await page.getByRole('button', { name: 'Show the full text here' }).first().click();
        assert.equal(await scrollsSideways(page), false, 'a document read in full fits the width');
        t.diagnostic(await screenshot(page, `reader-${width}-${scheme}`));
        await page.getByRole('button', { name: 'Hide the full text' }).click();

        await typeQuery(page, 'Yeltsin');
        assert.equal(await scrollsSideways(page), false, 'the no-results state fits the width');
        t.diagnostic(await screenshot(page, `no-results-${width}-${scheme}`));

        // A long unbroken query must wrap, not push the page sideways.
        await typeQuery(page, 'x'.repeat(80));
        assert.equal(await scrollsSideways(page), false, 'a long query wraps');
        assertNoProblems(problems);
      });
    }
  }

  test('landmarks, labels and a live hit count are in place', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, server.url);
    assert.equal(await page.getByRole('banner').count(), 1);
    assert.equal(await page.getByRole('main').count(), 1);
    assert.equal(await page.getByRole('search').count(), 1);
    assert.equal(await page.getByRole('contentinfo').count(), 1);
    assert.equal(await searchBox(page).getAttribute('type'), 'search');
    assert.equal(await page.locator('#hit-count').getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assertNoProblems(problems);
  });

  for (const scheme of SCHEMES) {
    test(`text contrast meets WCAG AA (${scheme})`, async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await openApp(page, server.url);
      const overview = await contrastOf(page, ['.eyebrow', '.corpus-title', '.search-label', '.search-help', '.description', '.fact dt', '.fact dd', '.hint', '.footer p']);
      await typeQuery(page, 'Robertson');
      const results = await contrastOf(page, ['.hit-count', '.hit-title', '.hit-meta time', '.hit-id', '.snippet', '.snippet mark']);
      for (const { selector, ratio } of [...overview, ...results]) {
        assert.ok(ratio >= 4.5, `${selector} has contrast ${ratio.toFixed(2)}:1 in ${scheme} mode (AA needs 4.5:1)`);
      }
      assertNoProblems(problems);
    });
  }

  test('the focused search box shows a visible focus ring', async () => {
    await openApp(page, server.url);
    await page.keyboard.press('/');
    const outline = await searchBox(page).evaluate((box) => {
      const style = getComputedStyle(box);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    assert.ok(outline.width >= 2 && outline.style !== 'none', `outline ${JSON.stringify(outline)}`);
    assertNoProblems(problems);
  });
});

/**
 * The contrast ratio (WCAG 2) of the first element matching each selector:
 * its text colour against the first opaque background behind it.
 */
function contrastOf(page, selectors) {
  return page.evaluate((selectors) => {
    const rgb = (css) => css.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
      const channel = (value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element) => {
      for (let node = element; node; node = node.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(node).backgroundColor);
        if (a > 0.99) return [r, g, b];
      }
      return rgb(getComputedStyle(document.documentElement).backgroundColor);
    };
    return selectors.map((selector) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`nothing matches ${selector}`);
      const text = luminance(rgb(getComputedStyle(element).color));
      const background = luminance(backgroundOf(element));
      const ratio = (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
      return { selector, ratio };
    });
  }, selectors);
}
