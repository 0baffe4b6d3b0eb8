// End-to-end: the two languages (issue 17 item 6). From file:// in Chromium and Firefox: the
// `lang` menu switches every visible label, button, legend, placeholder, tooltip and the
// status line to Chinese, `<html lang>` follows, a reload keeps the choice, and switching back
// gives the English page again; a Chinese browser opens in Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, drawn, pageUrl } from './browser.mjs';
import { startFirefox } from './webdriver.mjs';

/** In the page: every Latin word (two letters or more) left in what a user reads or hears:
 * visible buttons, headings, legends, labels, table headers, hints, options, the status line,
 * the panels, and every placeholder, tooltip and accessible name. Formats, programs, keys and
 * the app's name are proper names and stay. */
function leftovers() {
  const proper = new Set(['guanxi', 'GEXF', 'GraphML', 'Gephi', 'JSON', 'JSONL', 'CSV', 'Excel', 'PNG', 'SVG',
    'HTML', 'TXT', 'UTF', 'GBK', 'PageRank', 'Esc', 'Enter', 'PageUp', 'PageDown', 'URL', 'ln', 'MB']);
  const shown = (e) => e.getClientRects().length > 0 || (e.tagName === 'OPTION' && e.parentElement.getClientRects().length > 0);
  const found = [];
  const check = (where, text) => {
    for (const w of (text || '').match(/[A-Za-z]{2,}/g) || []) {
      if (!proper.has(w)) found.push(`${where}: ${w} in ${JSON.stringify(text.trim().slice(0, 80))}`);
    }
  };
  // The corpus's own text (article titles, file names, passages) is data, not the interface.
  const skip = (e) => e.closest('[data-testid=lang], #source-panel, #suggestions, #article-filter');
  for (const e of document.querySelectorAll('button, summary, label, legend, h1, h2, h3, th, .hint, option, #status, #detail-panel, #sources, #story, #kind-filters, #relation-legend')) {
    if (shown(e) && !skip(e)) check(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}`, e.textContent);
  }
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    for (const e of document.querySelectorAll(`[${attr}]`)) {
      if (!skip(e)) check(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}[${attr}]`, e.getAttribute(attr));
    }
  }
  check('title', document.title);
  return [...new Set(found)];
}

const state = () => ({
  lang: document.documentElement.lang,
  menu: document.querySelector('[data-testid=lang]').value,
  fit: document.querySelector('[data-testid=fit]').textContent,
  present: document.querySelector('[data-testid=present]').getAttribute('title'),
  search: document.querySelector('[data-testid=search]').placeholder,
  status: document.querySelector('[data-testid=status]').textContent,
});

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('Chromium: switch to Chinese, everything visible is Chinese, a reload keeps it, back to English', async () => {
  const { page, errors, context } = await open(browser);
  await ready(page);
  const en = await page.evaluate(state);
  assert.equal(en.lang, 'en', 'an English browser opens in English');
  assert.equal(en.menu, 'en');
  assert.equal(en.fit, 'Fit');
  assert.match(en.status, /articles · \d+ entities/);

  await page.selectOption('[data-testid=lang]', 'zh');
  await drawn(page);
  const zh = await page.evaluate(state);
  assert.equal(zh.lang, 'zh-Hans');
  assert.equal(zh.menu, 'zh');
  assert.equal(zh.fit, '全图');
  assert.match(zh.present, /演示/);
  assert.deepEqual(await page.evaluate(leftovers), [], 'English left on the Chinese page');

  // A selected entity: the detail panel, the story and the legends are Chinese too.
  await page.click('[data-testid=entity-row]');
  await drawn(page);
  assert.deepEqual(await page.evaluate(leftovers), [], 'English left with an entity selected');
  assert.match(await page.textContent('[data-testid=detail-panel]'), /人工更正/);
  // A path with its hops, a story step, communities and the export menu open.
  const names = await page.$$eval('[data-testid=entity-row]', (rows) => rows.slice(0, 2).map((r) => r.children[0].textContent));
  await page.fill('[data-testid=path-from]', names[0]);
  await page.fill('[data-testid=path-to]', names[1]);
  await page.click('[data-testid=path-find]');
  await page.fill('[data-testid=story-caption]', '第一步');
  await page.click('[data-testid=story-add]');
  await page.selectOption('[data-testid=colour-by]', 'community');
  await page.click('#export-menu summary');
  await drawn(page);
  assert.match(await page.textContent('[data-testid=status]'), /[\u4e00-\u9fff]/, 'the status line is Chinese');
  assert.match(await page.textContent('[data-testid=path-panel]'), /路径/);
  assert.deepEqual(await page.evaluate(leftovers), [], 'English left with a path, a story step and the export menu');
  await page.click('#export-menu summary');

  await page.reload();
  await ready(page);
  const kept = await page.evaluate(state);
  assert.equal(kept.lang, 'zh-Hans', 'the choice is remembered');
  assert.equal(kept.menu, 'zh');
  assert.equal(kept.fit, '全图');
  assert.deepEqual(await page.evaluate(leftovers), [], 'English left after a reload');

  await page.selectOption('[data-testid=lang]', 'en');
  await drawn(page);
  const back = await page.evaluate(state);
  assert.equal(back.lang, 'en');
  assert.equal(back.fit, 'Fit');
  assert.equal(back.present, en.present);
  assert.equal(back.search, en.search);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Chromium: a Chinese browser opens in Chinese; a saved choice wins over it', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await ready(page);
  const zh = await page.evaluate(state);
  assert.equal(zh.lang, 'zh-Hans');
  assert.equal(zh.menu, 'zh');
  assert.equal(zh.fit, '全图');
  await page.selectOption('[data-testid=lang]', 'en');
  await page.reload();
  await ready(page);
  assert.equal((await page.evaluate(state)).lang, 'en');
  await context.close();
});

test('Firefox: switch to Chinese, a reload keeps it, back to English', async () => {
  const ff = await startFirefox();
  try {
    const readyScript = 'return document.documentElement.dataset.ready === "1"';
    const choose = (v) => ff.eval(`const s = document.querySelector('[data-testid=lang]'); s.value = arguments[0];
      s.dispatchEvent(new Event('change', { bubbles: true }))`, v);
    const stateScript = `return (${state.toString()})()`;
    await ff.openFresh(pageUrl);
    const en = await ff.eval(stateScript);
    assert.equal(en.lang, 'en');
    assert.equal(en.fit, 'Fit');
    await choose('zh');
    const zh = await ff.eval(stateScript);
    assert.equal(zh.lang, 'zh-Hans');
    assert.equal(zh.fit, '全图');
    assert.deepEqual(await ff.eval(`return (${leftovers.toString()})()`), [], 'English left on the Chinese page');
    await ff.goto('about:blank');
    await ff.goto(pageUrl);
    await ff.waitFor(readyScript, 'data-ready');
    const kept = await ff.eval(stateScript);
    assert.equal(kept.lang, 'zh-Hans', 'the choice is remembered');
    assert.equal(kept.menu, 'zh');
    assert.deepEqual(await ff.eval(`return (${leftovers.toString()})()`), [], 'English left after a reload');
    await choose('en');
    const back = await ff.eval(stateScript);
    assert.equal(back.lang, 'en');
    assert.equal(back.fit, 'Fit');
    assert.equal(back.present, en.present);
    await ff.eval('localStorage.clear()');
  } finally {
    await ff.quit();
  }
});
