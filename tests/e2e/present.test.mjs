// End-to-end: presentation mode a room can read, the layouts of a phone, a tablet, a projector
// and a desktop, and touch (issue 18 items 3 and 4, issue 17 item 8), driven as a user would:
// dist/guanxi.html from file:// in Chromium (touch through the DevTools protocol's touch
// events, which the page receives as pointer events of type "touch") and in Firefox (WebDriver
// actions, touch pointers too).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageUrl, ready, drawn, closeClean } from './browser.mjs';
import { startFirefox } from './webdriver.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openAt(width, height, { touch = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pageUrl);
  await ready(page);
  return { context, page, errors };
}

const appClass = (page) => page.evaluate(() => document.getElementById('app').className);
const canvasBox = (page) => page.locator('[data-testid=graph-canvas]').boundingBox();
const detailTitle = (page) => page.evaluate(() => document.querySelector('[data-testid=detail-panel] h2')?.textContent ?? null);

/** The header in one row: every visible item's vertical middle within a few px of the others,
 * nothing past the right edge. */
async function headerRows(page) {
  return page.evaluate(() => {
    const h = document.querySelector('header');
    const items = [...h.querySelectorAll(':scope > *, #toolbar > *, .file-tools > *')]
      .filter((e) => e.getClientRects().length && !e.classList.contains('sr-only') && !['toolbar'].includes(e.id) && !e.classList.contains('file-tools'));
    const mids = items.map((e) => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2; });
    const right = Math.max(...items.map((e) => e.getBoundingClientRect().right));
    return { spread: Math.max(...mids) - Math.min(...mids), right, width: innerWidth, overflow: h.scrollWidth - h.clientWidth };
  });
}

/** Whether a control is on screen and not covered: a finger or a click at its centre reaches it. */
async function reachable(page, selector) {
  return page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) return false;
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return !!hit && (hit === e || e.contains(hit) || hit.closest('label') === e);
  });
}

async function topRow(page) {
  return page.$eval('[data-testid=entity-row]', (tr) => ({ id: tr.dataset.entityId, name: tr.children[0].textContent }));
}

for (const [width, height] of [[1400, 900], [1024, 768]]) {
  test(`presentation at ${width}×${height}: one-row header, the graph full-screen, panels as drawers, a large caption; Esc keeps the view`, async () => {
    const { page, errors, context } = await openAt(width, height);
    const normal = await headerRows(page);
    assert.ok(normal.spread < 6 && normal.overflow <= 0 && normal.right <= width, `header at ${width}: ${JSON.stringify(normal)}`);
    const top = await topRow(page);
    await page.click(`[data-testid=entity-row][data-entity-id="${top.id}"]`);
    await page.click('[data-testid=focus-1]');
    // The presenter zooms in on the neighbourhood.
    const box0 = await canvasBox(page);
    await page.mouse.move(box0.x + box0.width / 2, box0.y + box0.height / 2);
    await page.mouse.wheel(0, -300);
    await drawn(page);
    await page.click('[data-testid=present]');
    await page.waitForFunction(() => document.documentElement.classList.contains('present'));
    await drawn(page);
    const present = await headerRows(page);
    assert.ok(present.spread < 6 && present.overflow <= 0, `header presenting: ${JSON.stringify(present)}`);
    const box = await canvasBox(page);
    assert.equal(Math.round(box.width), width, 'the graph takes the whole width');
    assert.equal(await page.isVisible('[data-testid=detail-panel]'), false);
    assert.equal(await page.isVisible('[data-testid=entity-list]'), false);
    // High contrast: a black background.
    const corner = await page.$eval('[data-testid=graph-canvas]', (c) => [...c.getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3));
    assert.deepEqual(corner, [0, 0, 0]);
    // The caption line names the selection, large.
    await page.waitForSelector('[data-testid=caption-line]', { state: 'visible' });
    const caption = await page.textContent('[data-testid=caption-line]');
    assert.ok(caption.startsWith(top.name) && /neighbours of/.test(caption), caption);
    const size = await page.$eval('[data-testid=caption-line]', (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(size >= 28, `caption at ${size}px`);
    // The details as a drawer over the graph (button), the filters too (key), closed again.
    await page.click('[data-testid=panel-right]');
    await page.waitForSelector('[data-testid=detail-panel]', { state: 'visible' });
    assert.equal(await detailTitle(page), top.name);
    assert.equal(Math.round((await canvasBox(page)).width), width, 'a drawer does not narrow the graph');
    assert.equal(await page.getAttribute('[data-testid=panel-right]', 'aria-expanded'), 'true');
    await page.locator('[data-testid=graph-canvas]').focus();
    await page.keyboard.press('[');
    await page.waitForSelector('[data-testid=entity-list]', { state: 'visible' });
    await page.click('[data-testid=panel-left-close]');
    await page.click('[data-testid=panel-right-close]');
    await page.waitForSelector('[data-testid=detail-panel]', { state: 'hidden' });
    await page.waitForSelector('[data-testid=entity-list]', { state: 'hidden' });
    // Esc leaves presentation (and full screen) and keeps selection, focus and the zoom.
    const a = await page.evaluate((id) => window.guanxi.screenPosition(id), top.id);
    const centre = { x: box.width / 2, y: box.height / 2 };
    await page.locator('[data-testid=graph-canvas]').focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.documentElement.classList.contains('present'));
    await drawn(page);
    assert.equal(await detailTitle(page), top.name);
    assert.match(await page.evaluate(() => location.hash), /focus=/);
    const box2 = await canvasBox(page);
    const b = await page.evaluate((id) => window.guanxi.screenPosition(id), top.id);
    // The same point at the centre, the same zoom: the node keeps its offset from the centre.
    assert.ok(Math.abs((a.x - centre.x) - (b.x - box2.width / 2)) < 2 && Math.abs((a.y - centre.y) - (b.y - box2.height / 2)) < 2,
      `${JSON.stringify(a)} in ${box.width} vs ${JSON.stringify(b)} in ${box2.width}`);
    assert.equal(await page.isVisible('[data-testid=caption-line]'), false);
    // Reset stays on its own key and button.
    await page.click('[data-testid=reset]');
    await page.waitForFunction(() => !location.hash.includes('focus='));
    assert.equal(await detailTitle(page), null);
    await closeClean(context, errors);
  });
}

test('1400×900: two columns that collapse to give the graph the room; several articles without Ctrl', async () => {
  const { page, errors, context } = await openAt(1400, 900);
  assert.equal(await appClass(page), 'wide left-column right-column');
  const w0 = (await canvasBox(page)).width;
  await page.click('[data-testid=panel-left]');
  await page.waitForSelector('[data-testid=entity-list]', { state: 'hidden' });
  await page.click('[data-testid=panel-right]');
  await page.waitForSelector('[data-testid=detail-panel]', { state: 'hidden' });
  await drawn(page);
  assert.equal(Math.round((await canvasBox(page)).width), 1400, `the graph was ${w0} px`);
  await page.click('[data-testid=panel-left]');
  await page.waitForSelector('[data-testid=entity-list]', { state: 'visible' });
  // Plain clicks add articles and take them away.
  const options = await page.$$eval('[data-testid=article-filter] option', (o) => o.map((x) => x.value));
  await page.click(`[data-testid=article-filter] option[value="${options[0]}"]`);
  await page.click(`[data-testid=article-filter] option[value="${options[2]}"]`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=article-filter] option:checked').length === 2);
  assert.match(await page.evaluate(() => location.hash), /articles=/);
  await page.click(`[data-testid=article-filter] option[value="${options[0]}"]`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=article-filter] option:checked').length === 1);
  await page.click(`[data-testid=article-filter] option[value="${options[2]}"]`);
  await page.waitForFunction(() => !location.hash.includes('articles='));
  await closeClean(context, errors);
});

test('768×1024: a collapsible details column, the filters as a drawer; every control reachable by touch', async () => {
  const { page, errors, context } = await openAt(768, 1024, { touch: true });
  assert.equal(await appClass(page), 'tablet left-hidden right-column');
  const w = (await canvasBox(page)).width;
  assert.ok(w > 400, `the graph is ${w} px wide`);
  for (const id of ['panel-left', 'search', 'fit', 'focus-1', 'focus-2', 'reset', 'present', 'paste-open', 'panel-right']) {
    assert.ok(await reachable(page, `#${id}`), `#${id} is reachable`);
  }
  await page.tap('[data-testid=panel-right]');
  await page.waitForSelector('[data-testid=detail-panel]', { state: 'hidden' });
  await drawn(page);
  assert.equal(Math.round((await canvasBox(page)).width), 768);
  await page.tap('[data-testid=panel-left]');
  await page.waitForSelector('[data-testid=entity-list]', { state: 'visible' });
  const top = await topRow(page);
  await page.tap(`[data-testid=entity-row][data-entity-id="${top.id}"]`);
  await page.waitForFunction((k) => location.hash.includes('sel='), top.id);
  await page.tap('[data-testid=panel-left-close]');
  await page.tap('[data-testid=panel-right]');
  await page.waitForSelector('[data-testid=detail-panel]', { state: 'visible' });
  assert.equal(await detailTitle(page), top.name);
  await closeClean(context, errors);
});

/** Fingers on the canvas through the DevTools protocol: `touch(points)` with canvas-relative
 * points, `lift()` releases all of them. */
async function fingers(page) {
  const cdp = await page.context().newCDPSession(page);
  const box = await canvasBox(page);
  let down = false;
  const touch = async (points) => {
    await cdp.send('Input.dispatchTouchEvent', {
      type: down ? 'touchMove' : 'touchStart',
      touchPoints: points.map(([x, y], id) => ({ x: box.x + x, y: box.y + y, id })),
    });
    down = true;
  };
  const lift = async () => {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    down = false;
  };
  return { touch, lift, box };
}

/** A row's entity whose node is on the canvas with no other node within 24 px. */
async function lonelyNode(page, box) {
  return page.evaluate(([w, h]) => {
    const rows = [...document.querySelectorAll('[data-testid=entity-row]')]
      .map((r) => ({ id: r.dataset.entityId, name: r.children[0].textContent, p: window.guanxi.screenPosition(r.dataset.entityId) }))
      .filter((r) => r.p && window.guanxi.isVisible(r.id));
    return rows.find((r) => r.p.x > 30 && r.p.x < w - 30 && r.p.y > 80 && r.p.y < h - 30
      && rows.every((o) => o === r || Math.hypot(o.p.x - r.p.x, o.p.y - r.p.y) > 24)) ?? null;
  }, [box.width, box.height]);
}

async function emptySpot(page, box) {
  // A point of the canvas with nothing under it (no node within 40 px).
  return page.evaluate(([w, h]) => {
    const rows = [...document.querySelectorAll('[data-testid=entity-row]')].map((r) => window.guanxi.screenPosition(r.dataset.entityId)).filter(Boolean);
    for (let y = 60; y < h - 60; y += 20) for (let x = 40; x < w - 40; x += 20) {
      if (rows.every((p) => Math.hypot(p.x - x, p.y - y) > 40)) return [x, y];
    }
    return null;
  }, [box.width, box.height]);
}

test('390×844 phone: the graph takes the screen, panels are sheets; tap, drag, pinch and long press', async () => {
  const { page, errors, context } = await openAt(390, 844, { touch: true });
  assert.equal(await appClass(page), 'phone left-hidden right-hidden');
  const box = await canvasBox(page);
  assert.equal(Math.round(box.width), 390);
  assert.ok(box.height > 500, `the graph is ${box.height} px tall`);
  for (const id of ['panel-left', 'search', 'panel-right', 'fit', 'focus-1', 'focus-2', 'reset', 'present', 'paste-open']) {
    assert.ok(await reachable(page, `#${id}`), `#${id} is reachable`);
  }
  assert.ok(await reachable(page, '#export-menu summary'));
  assert.ok(await reachable(page, 'label[for=import]'));
  const f = await fingers(page);
  const [top, second] = await page.$$eval('[data-testid=entity-row]', (r) => r.slice(0, 2).map((x) => ({ id: x.dataset.entityId, name: x.children[0].textContent })));
  const at = (id) => page.evaluate((i) => window.guanxi.screenPosition(i), id);
  // Tap: a few pixels of wobble still select.
  let p = await at(top.id);
  await f.touch([[p.x, p.y]]);
  await f.touch([[p.x + 4, p.y + 3]]);
  await f.lift();
  await page.waitForSelector('[data-testid=caption-line]', { state: 'visible' });
  assert.ok((await page.textContent('[data-testid=caption-line]')).startsWith(top.name));
  assert.match(await page.evaluate(() => location.hash), /sel=/);
  assert.equal(await page.isVisible('[data-testid=detail-panel]'), false, 'a tap does not cover the graph');
  // One finger drags: the picture pans with it.
  const e = await emptySpot(page, box);
  assert.ok(e, 'an empty spot');
  p = await at(top.id);
  await f.touch([e]);
  for (let i = 1; i <= 5; i++) await f.touch([[e[0] + 8 * i, e[1] + 6 * i]]);
  await f.lift();
  await drawn(page);
  const moved = await at(top.id);
  assert.ok(Math.abs(moved.x - p.x - 40) < 2 && Math.abs(moved.y - p.y - 30) < 2, `${JSON.stringify(p)} → ${JSON.stringify(moved)}`);
  assert.ok((await page.textContent('[data-testid=caption-line]')).startsWith(top.name), 'a drag does not select');
  // Two fingers pinch: the distance between two nodes grows with the fingers'.
  const d = async () => { const [a, b] = [await at(top.id), await at(second.id)]; return Math.hypot(a.x - b.x, a.y - b.y); };
  const d0 = await d();
  const [cx, cy] = [box.width / 2, box.height / 2];
  await f.touch([[cx - 40, cy], [cx + 40, cy]]);
  for (let i = 1; i <= 5; i++) await f.touch([[cx - 40 - 8 * i, cy], [cx + 40 + 8 * i, cy]]);
  await f.lift();
  await drawn(page);
  const ratio = (await d()) / d0;
  assert.ok(Math.abs(ratio - 2) < 0.1, `zoomed ×${ratio}`);
  // Long press: the details open as a sheet.
  const lonely = await lonelyNode(page, box);
  assert.ok(lonely, 'a node on its own');
  // Held still, the finger opens the details before it is lifted.
  await f.touch([[lonely.p.x, lonely.p.y]]);
  await page.waitForSelector('[data-testid=detail-panel]', { state: 'visible' });
  await f.lift();
  assert.equal(await detailTitle(page), lonely.name);
  assert.equal(await appClass(page), 'phone left-hidden right-sheet');
  const sheet = await page.locator('#side-right').boundingBox();
  assert.ok(sheet.width === 390 && sheet.y > 250, `the sheet: ${JSON.stringify(sheet)}`);
  // The held node shows above the sheet.
  const held = await at(lonely.id);
  assert.ok(box.y + held.y < sheet.y, `${JSON.stringify(held)} under the sheet at ${sheet.y}`);
  await page.tap('[data-testid=panel-right-close]');
  await page.waitForSelector('[data-testid=detail-panel]', { state: 'hidden' });
  // The filters' sheet: several articles by tapping, no Ctrl.
  await page.tap('[data-testid=panel-left]');
  await page.waitForSelector('[data-testid=article-filter]', { state: 'visible' });
  const options = await page.$$eval('[data-testid=article-filter] option', (o) => o.map((x) => x.value));
  await page.locator(`[data-testid=article-filter] option[value="${options[1]}"]`).scrollIntoViewIfNeeded();
  await page.tap(`[data-testid=article-filter] option[value="${options[1]}"]`);
  await page.tap(`[data-testid=article-filter] option[value="${options[3]}"]`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=article-filter] option:checked').length === 2);
  assert.ok(await reachable(page, '[data-testid=all-articles]') || await page.locator('[data-testid=all-articles]').scrollIntoViewIfNeeded().then(() => reachable(page, '[data-testid=all-articles]')));
  await page.tap('[data-testid=all-articles]');
  await page.waitForFunction(() => !location.hash.includes('articles='));
  await page.tap('[data-testid=panel-left-close]');
  await page.waitForSelector('[data-testid=article-filter]', { state: 'hidden' });
  // Tapping the caption line opens the details.
  await page.tap('[data-testid=caption-line]');
  await page.waitForSelector('[data-testid=detail-panel]', { state: 'visible' });
  await closeClean(context, errors);
});

// Firefox, through WebDriver.
test('Firefox: presentation at 1024×768 and the phone layout with touch', async () => {
  const ff = await startFirefox();
  try {
    await ff.goto(pageUrl);
    await ff.viewport(1024, 768);
    await ff.waitFor('return document.documentElement.dataset.ready === "1"', 'data-ready');
    const rows = await ff.eval(`const h = document.querySelector('header');
      const tops = [...h.querySelectorAll(':scope > *, #toolbar > *')].filter((e) => e.getClientRects().length && e.id !== 'toolbar' && !e.classList.contains('sr-only') && !e.classList.contains('file-tools'))
        .map((e) => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2; });
      return [Math.max(...tops) - Math.min(...tops), h.scrollWidth - h.clientWidth]`);
    assert.ok(rows[0] < 6 && rows[1] <= 0, `header: ${rows}`);
    const top = (await ff.eval('const r = document.querySelector("[data-testid=entity-row]"); return [r.dataset.entityId, r.children[0].textContent]'));
    await ff.click(await ff.find(`[data-testid=entity-row][data-entity-id="${top[0]}"] td`));
    await ff.click(await ff.find('[data-testid=present]'));
    await ff.waitFor('return document.documentElement.classList.contains("present")', 'presentation');
    await ff.waitFor('return Math.round(document.querySelector("[data-testid=graph-canvas]").getBoundingClientRect().width) === innerWidth', 'a full-width graph');
    const caption = await ff.waitFor('const c = document.querySelector("[data-testid=caption-line]"); return !c.hidden && c.textContent', 'the caption line');
    assert.ok(caption.startsWith(top[1]), caption);
    await ff.click(await ff.find('[data-testid=panel-right]'));
    await ff.waitFor('return document.querySelector("#side-right").getClientRects().length > 0', 'the details drawer');
    // Esc from the graph: presentation ends, the selection stays.
    await ff.type(await ff.find('[data-testid=graph-canvas]'), '\uE00C');
    await ff.waitFor('return !document.documentElement.classList.contains("present")', 'presentation left');
    assert.equal(await ff.eval('return document.querySelector("[data-testid=detail-panel] h2")?.textContent'), top[1]);

    // The phone layout, with a finger.
    await ff.viewport(390, 844);
    const width = await ff.eval('return innerWidth');
    await ff.waitFor('return document.getElementById("app").className.startsWith("phone")', `the phone layout at ${width} px`);
    await ff.click(await ff.find('[data-testid=reset]'));
    const canvas = await ff.eval('const r = document.querySelector("[data-testid=graph-canvas]").getBoundingClientRect(); return [r.left, r.top, r.width, r.height]');
    assert.ok(canvas[2] >= width - 1, `the graph is ${canvas[2]} of ${width} px wide`);
    const pos = await ff.eval('return window.guanxi.screenPosition(arguments[0])', top[0]);
    const [x, y] = [Math.round(canvas[0] + pos.x), Math.round(canvas[1] + pos.y)];
    await ff.actions([{ type: 'pointer', id: 'finger', parameters: { pointerType: 'touch' }, actions: [
      { type: 'pointerMove', origin: 'viewport', x, y }, { type: 'pointerDown', button: 0 },
      { type: 'pointerMove', origin: 'viewport', x: x + 3, y: y + 3, duration: 50 }, { type: 'pointerUp', button: 0 },
    ] }]);
    const tapped = await ff.waitFor('const c = document.querySelector("[data-testid=caption-line]"); return !c.hidden && c.textContent', 'a tap selects');
    assert.ok(tapped.startsWith(top[1]), tapped);
    // Held: the details sheet.
    await ff.actions([{ type: 'pointer', id: 'finger2', parameters: { pointerType: 'touch' }, actions: [
      { type: 'pointerMove', origin: 'viewport', x, y }, { type: 'pointerDown', button: 0 },
      { type: 'pause', duration: 900 }, { type: 'pointerUp', button: 0 },
    ] }]);
    await ff.waitFor('return document.getElementById("app").className === "phone left-hidden right-sheet"', 'the details sheet');
  } finally {
    await ff.quit();
  }
});
