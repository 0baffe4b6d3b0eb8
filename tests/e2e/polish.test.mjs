// End-to-end: issue 18's bugs, driven as a user would (dist/guanxi.html from file://).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, open, ready, openReady, closeClean, SAMPLE_PAGE } from './browser.mjs';

let browser;
const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-polish-'));
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PAGE = SAMPLE_PAGE;

async function kindsShown(page) {
  return page.$$eval('[data-testid=entity-row]', (r) => [...new Set(r.map((x) => x.children[1].textContent))].sort());
}
async function waitStatus(page, re) {
  await page.waitForFunction((s) => new RegExp(s).test(document.querySelector('[data-testid=status]').textContent), re.source);
}

test('the kind filter works after an import, the demo and my sources', async () => {
  const { page, errors, context } = await openReady(browser);
  const p = path.join(dir, 'page.txt');
  writeFileSync(p, PAGE);
  await page.setInputFiles('[data-testid=import]', [p]);
  await waitStatus(page, /Loaded 1/);
  for (const step of [null, 'demo', 'my-sources']) {
    if (step) {
      await page.click(`[data-testid=${step}]`);
      await page.waitForFunction(() => document.querySelector('[data-testid=kind-filter-place]')?.checked);
    }
    assert.ok((await kindsShown(page)).includes('place'));
    await page.uncheck('[data-testid=kind-filter-place]');
    await page.waitForFunction(() => /kinds=/.test(location.hash) && !/kinds=[^&]*place/.test(location.hash));
    assert.ok(!(await kindsShown(page)).includes('place'), `${step}: places are gone from the list`);
    // Another filter keeps the box unticked.
    await page.fill('[data-testid=min-weight]', '2');
    await page.dispatchEvent('[data-testid=min-weight]', 'change');
    await page.waitForFunction(() => location.hash.includes('minw=2'));
    assert.equal(await page.isChecked('[data-testid=kind-filter-place]'), false);
    await page.check('[data-testid=kind-filter-place]');
    await page.fill('[data-testid=min-weight]', '1');
    await page.dispatchEvent('[data-testid=min-weight]', 'change');
    await page.waitForFunction(() => !location.hash.includes('kinds=') && !location.hash.includes('minw='));
  }
  await closeClean(context, errors);
});

async function topRow(page) {
  return page.$eval('[data-testid=entity-row]', (tr) => ({ id: tr.dataset.entityId, name: tr.children[0].textContent }));
}
async function detailTitle(page, name) {
  await page.waitForFunction((n) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === n, name);
}

test('a new hash (a bookmark, Back) shows its view at once; old position links still open', async () => {
  const { page, errors, context } = await openReady(browser);
  const top = await topRow(page);
  const key = await page.evaluate((i) => window.guanxi.entityKey(i), top.id);
  assert.match(key, /^[a-z]+:/);
  // A bookmark of the same page: only the hash changes.
  await page.evaluate((k) => { location.hash = `sel=${k}&typed=1`; }, key);
  await detailTitle(page, top.name);
  assert.equal(await page.isChecked('[data-testid=co-occurs]'), false);
  // Back: the view before it.
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('[data-testid=detail-panel] h2'));
  assert.equal(await page.isChecked('[data-testid=co-occurs]'), true);
  // A link written with positions (before stable ids) opens the entity at that position, is
  // written again with its stable id, and says which entity it opened, to be checked.
  const key0 = await page.evaluate(() => window.guanxi.entityKey('e0'));
  await page.evaluate(() => { location.hash = 'sel=e0'; });
  await page.waitForFunction((k) => location.hash === `#sel=${k}`, key0);
  await waitStatus(page, /older link names/);
  const named = (await page.textContent('[data-testid=status]')).match(/older link names (.+) by its place/)[1];
  await detailTitle(page, named);
  await closeClean(context, errors);
});

test('the demo page chosen over my sources is still shown after a reload', async () => {
  const { page, context } = await openReady(browser);
  const p = path.join(dir, 'page2.txt');
  writeFileSync(p, PAGE);
  await page.setInputFiles('[data-testid=import]', [p]);
  await waitStatus(page, /Loaded 1/);
  await page.click('[data-testid=demo]');
  await page.waitForSelector('[data-testid=sources] li.active-demo');
  await page.reload();
  await ready(page);
  assert.equal(await page.$$eval('[data-testid=sources] li.active-demo', (l) => l.length), 1);
  assert.match(await page.textContent('[data-testid=status]'), /8 articles/);
  await page.click('[data-testid=my-sources]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=sources] li.active-demo'));
  await page.reload();
  await ready(page);
  assert.equal(await page.$$eval('[data-testid=sources] li.active-demo', (l) => l.length), 0);
  await context.close();
});

test('after search + Enter the shortcut keys work on the graph; a message gives way at the next action', async () => {
  const { page, errors, context } = await openReady(browser);
  await page.fill('[data-testid=search]', '没有这个名字');
  await page.press('[data-testid=search]', 'Enter');
  await waitStatus(page, /No entity/);
  await page.fill('[data-testid=search]', '怀柔');
  await page.waitForSelector('#suggestions li');
  await page.press('[data-testid=search]', 'Enter');
  await detailTitle(page, '怀柔区');
  await page.waitForFunction(() => document.activeElement?.id === 'graph-canvas');
  // The stale message gave way to the summary.
  await waitStatus(page, /^8 articles · \d+ entities/);
  await page.keyboard.press('1');
  await page.waitForFunction(() => location.hash.includes('focus='));
  assert.equal(await page.inputValue('[data-testid=search]'), '怀柔', 'the key did not go into the search box');
  await closeClean(context, errors);
});

test('presentation mode gives the graph the width; Esc leaves it and keeps the prepared view', async () => {
  const { page, errors, context } = await openReady(browser, '', { viewport: { width: 1024, height: 768 } });
  const top = await topRow(page);
  await page.click(`[data-testid=entity-row][data-entity-id="${top.id}"]`);
  await page.click('[data-testid=focus-1]');
  await page.click('[data-testid=present]');
  await page.waitForFunction(() => document.documentElement.classList.contains('present'));
  const box = await page.locator('[data-testid=graph-canvas]').boundingBox();
  assert.ok(box.width >= 1000, `the graph is ${box.width} px wide at 1024`);
  assert.equal(await page.isVisible('[data-testid=detail-panel]'), false);
  await page.locator('[data-testid=graph-canvas]').focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.documentElement.classList.contains('present'));
  await detailTitle(page, top.name);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /focus=/);
  assert.doesNotMatch(hash, /present=/);
  await closeClean(context, errors);
});
