// End-to-end, issue 18 item 6: correcting the graph by hand, as a user does it in
// dist/guanxi.html from file://, in Chromium and in Firefox. Rename, change the kind, merge two
// entities (the other picked by name), split an alias off, hide and delete; bad input is
// refused with a message; every correction is marked in the detail panel, listed with an undo,
// kept through a reload, applied again after a new extraction, and carried into the JSON
// export and Save as HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, ready, pageUrl, openReady } from './browser.mjs';
import { startFirefox } from './webdriver.mjs';

let browser;
let ff;
const dir = mkdtempSync(path.join(tmpdir(), 'guanxi-curation-'));
before(async () => { browser = await launch(); ff = await startFirefox(); });
after(async () => { await browser?.close(); await ff?.quit(); });

const rowsScript = `return [...document.querySelectorAll('[data-testid=entity-row]')]
  .map((r) => ({ id: r.dataset.entityId, name: r.children[0].textContent, kind: r.children[1].textContent }))`;
const statusScript = 'const s = document.querySelector("[data-testid=status]"); return { text: s.textContent, problem: s.className === "error" }';
const correctionsScript = `return [...document.querySelectorAll('[data-testid=corrections] [data-testid=correction-row]')].map((r) => r.textContent)`;

// Chromium (Playwright).
const rows = (page) => page.evaluate(new Function(rowsScript));
const corrections = (page) => page.evaluate(new Function(correctionsScript));
async function waitStatus(page, re) {
  await page.waitForFunction((s) => new RegExp(s).test(document.querySelector('[data-testid=status]').textContent), re.source);
}
async function select(page, id, name) {
  await page.click(`[data-testid=entity-row][data-entity-id="${id}"]`);
  await page.waitForFunction((n) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === n, name);
}
/** Exports `fmt` from the export menu; the file's text. */
async function download(page, fmt) {
  if (!(await page.$eval('#export-menu', (d) => d.open))) await page.click('#export-menu summary');
  await page.waitForSelector(`[data-testid=export-${fmt}]`, { state: 'visible' });
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${fmt}]`)]);
  const p = path.join(dir, d.suggestedFilename());
  await d.saveAs(p);
  return readFileSync(p, 'utf8');
}
const title = (page) => page.textContent('[data-testid=detail-panel] h2');
const mark = (page) => page.evaluate(() => document.querySelector('[data-testid=detail-panel] [data-testid=corrected]')?.textContent ?? null);

test('Chromium: rename, kind, merge, split, hide and delete; marked, listed, undone, kept and exported', async () => {
  const { context, page, errors } = await openReady(browser, '', { acceptDownloads: true });
  const all = await rows(page);
  const places = all.filter((r) => r.kind === 'place');
  const [a, b] = places;
  const person = all.find((r) => r.kind === 'person');
  const other = all.find((r) => r.kind === 'organisation');
  assert.ok(a && b && person && other, JSON.stringify(all.slice(0, 10)));
  assert.equal(await page.isHidden('[data-testid=corrections]'), true, 'no list before any correction');

  // Rename: the panel, the list, the table and the address use the new name.
  await select(page, a.id, a.name);
  assert.equal(await mark(page), null);
  const renamed = `${a.name}新`;
  await page.fill('[data-testid=curate-name]', renamed);
  await page.click('[data-testid=curate-rename]');
  await page.waitForFunction((n) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === n, renamed);
  assert.match(await mark(page), new RegExp(`renamed from ${a.name}`));
  assert.deepEqual(await corrections(page), [`Renamed ${a.name} to ${renamed} Undo`]);
  assert.ok((await rows(page)).some((r) => r.id === `place:${renamed}` && r.name === renamed));
  assert.equal(decodeURIComponent(await page.evaluate(() => location.hash)), `#sel=place:${renamed}`);

  // Bad input changes nothing and says why: an empty name, a merge with itself, no such entity.
  const count = (await rows(page)).length;
  await page.fill('[data-testid=curate-name]', '   ');
  await page.click('[data-testid=curate-rename]');
  await waitStatus(page, /Type the new name first; nothing changed/);
  assert.equal((await page.evaluate(new Function(statusScript))).problem, true);
  await page.fill('[data-testid=curate-other]', renamed);
  await page.click('[data-testid=curate-merge]');
  await waitStatus(page, /cannot be merged with itself; nothing changed/);
  await page.fill('[data-testid=curate-other]', '无此实体');
  await page.click('[data-testid=curate-merge]');
  await waitStatus(page, /No entity matches “无此实体”/);
  assert.equal((await rows(page)).length, count);
  assert.equal(await title(page), renamed);
  assert.equal((await corrections(page)).length, 1);

  // Another kind.
  await page.click('[data-testid=curate-kind][data-kind=organisation]');
  await waitStatus(page, new RegExp(`Made ${renamed} an organisation`));
  const org = `organisation:${renamed}`;
  assert.ok((await rows(page)).some((r) => r.id === org && r.kind === 'organisation'));
  assert.match(await mark(page), /kind changed from place/);

  // Merge: the other place, picked by name, goes into this one, which keeps its name.
  // Typing offers the names that match (any alias, as the search box), and Enter merges.
  await page.fill('[data-testid=curate-other]', b.name);
  await page.waitForFunction((n) => [...document.querySelectorAll('#path-options option')].some((o) => o.value === n), b.name);
  await page.press('[data-testid=curate-other]', 'Enter');
  await waitStatus(page, new RegExp(`Merged ${b.name} into ${renamed}`));
  let now = await rows(page);
  assert.equal(now.length, count - 1);
  assert.ok(!now.some((r) => r.id === b.id), `${b.id} merged away`);
  assert.equal(await title(page), renamed);
  assert.match(await page.textContent('[data-testid=detail-panel]'), new RegExp(`Also: .*${b.name}`));
  assert.match(await mark(page), new RegExp(`merged with ${b.name}`));

  // Split it off again: the mentions that read it are an entity of their own.
  await page.click(`[data-testid=curate-split][data-curate="split:${b.name}"]`);
  await waitStatus(page, new RegExp(`Split ${b.name} off ${renamed}`));
  await page.waitForFunction((n) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === n, b.name);
  assert.match(await mark(page), new RegExp(`split off ${renamed}`));
  assert.equal((await rows(page)).length, count);

  // Hide a person: not drawn, not listed, still there.
  await select(page, person.id, person.name);
  await page.click('[data-testid=curate-hide]');
  await waitStatus(page, new RegExp(`Hid ${person.name}`));
  assert.ok(!(await rows(page)).some((r) => r.id === person.id));
  assert.equal(await page.evaluate((id) => window.guanxi.isVisible(id), person.id), false);

  // Delete an organisation: gone with its relations.
  await select(page, other.id, other.name);
  await page.click('[data-testid=curate-delete]');
  await waitStatus(page, new RegExp(`Deleted ${other.name}`));
  assert.ok(!(await rows(page)).some((r) => r.id === other.id));
  assert.equal(await page.evaluate((id) => window.guanxi.isVisible(id), other.id), null);
  const listed = await corrections(page);
  assert.equal(listed.length, 6, listed.join(' | '));

  // A reload keeps every correction.
  await page.reload();
  await ready(page);
  assert.deepEqual(await corrections(page), listed);
  now = await rows(page);
  assert.ok(now.some((r) => r.id === org) && !now.some((r) => r.id === other.id || r.id === person.id));

  // Undo the delete: the organisation is back, the list one shorter.
  await page.click('[data-testid=corrections] [data-testid=correction-row]:last-child [data-testid=correction-undo]');
  await waitStatus(page, new RegExp(`Undone: Deleted ${other.name}`));
  assert.ok((await rows(page)).some((r) => r.id === other.id));
  assert.equal((await corrections(page)).length, 5);

  // The JSON export holds the corrected graph.
  const x = JSON.parse(await download(page, 'json'));
  const labels = x.entities.map((e) => `${e.kind}:${e.label}`);
  assert.ok(labels.includes(org) && !labels.includes(a.id), labels.slice(0, 12).join(' '));
  // Save as HTML: the page opens with the corrections and their list.
  await download(page, 'html');
  const htmlPath = path.join(dir, 'guanxi-project.html');
  const copy = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const saved = await copy.newPage();
  await saved.goto(pathToFileURL(htmlPath).href);
  await ready(saved);
  assert.equal((await corrections(saved)).length, 5);
  assert.ok((await rows(saved)).some((r) => r.id === org));
  await copy.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Chromium: the corrections of the user\'s sources are applied again after each extraction', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await ready(page);
  await page.click('[data-testid=paste-open]');
  await page.fill('[data-testid=paste-text]', '第一篇\n\n本报讯（王明）河南省洛阳市举办活动。\n');
  await page.click('[data-testid=paste-add]');
  await waitStatus(page, /Added pasted text 1/);
  await page.waitForSelector('[data-testid=entity-row][data-entity-id="place:洛阳市"]');
  await select(page, 'place:洛阳市', '洛阳市');
  await page.fill('[data-testid=curate-name]', '洛阳');
  await page.click('[data-testid=curate-rename]');
  await waitStatus(page, /Renamed 洛阳市 to 洛阳/);
  // Another source: the corpus is extracted again, and the rename holds.
  await page.click('[data-testid=paste-open]');
  await page.fill('[data-testid=paste-text]', '第二篇\n\n本报讯（陈立）湖北省宜昌市开展培训。\n');
  await page.click('[data-testid=paste-add]');
  await waitStatus(page, /Added pasted text 2/);
  await page.waitForSelector('[data-testid=entity-row][data-entity-id="place:宜昌市"]');
  const names = (await rows(page)).map((r) => r.name);
  assert.ok(names.includes('洛阳') && !names.includes('洛阳市'), names.join(' '));
  assert.deepEqual(await corrections(page), ['Renamed 洛阳市 to 洛阳 Undo']);
  // The demo has its own corrections (none).
  await page.click('[data-testid=demo]');
  await page.waitForFunction(() => document.querySelector('[data-testid=corrections]').hidden);
  await context.close();
});

// Firefox (WebDriver).
test('Firefox: rename, hide and undo, marked, listed and kept through a reload', async () => {
  await ff.openFresh(pageUrl + '#');
  const all = await ff.eval(rowsScript);
  const a = all.find((r) => r.kind === 'place');
  const person = all.find((r) => r.kind === 'person');
  // The table scrolls inside its panel: a row is clicked where it is.
  const row = (id) => ff.eval('document.querySelector(`[data-testid=entity-row][data-entity-id="${arguments[0]}"]`).click()', id);
  await row(a.id);
  await ff.waitFor(`return document.querySelector('[data-testid=detail-panel] h2')?.textContent === ${JSON.stringify(a.name)} || null`, 'the details');
  const renamed = `${a.name}新`;
  await ff.eval('document.querySelector("[data-testid=curate-name]").value = ""');
  await ff.type(await ff.find('[data-testid=curate-name]'), renamed);
  await ff.click(await ff.find('[data-testid=curate-rename]'));
  await ff.waitFor(`return document.querySelector('[data-testid=detail-panel] h2')?.textContent === ${JSON.stringify(renamed)} || null`, 'the new name');
  assert.match(await ff.eval('return document.querySelector("[data-testid=corrected]").textContent'), new RegExp(`renamed from ${a.name}`));
  // An empty merge is refused with a message.
  await ff.click(await ff.find('[data-testid=curate-merge]'));
  await ff.waitFor('return /nothing changed/.test(document.querySelector("[data-testid=status]").textContent) || null', 'the refusal');
  assert.equal((await ff.eval(statusScript)).problem, true);
  await row(person.id);
  await ff.waitFor(`return document.querySelector('[data-testid=detail-panel] h2')?.textContent === ${JSON.stringify(person.name)} || null`, 'the person');
  await ff.click(await ff.find('[data-testid=curate-hide]'));
  await ff.waitFor(`return !document.querySelector('[data-testid=entity-row][data-entity-id="${person.id}"]') || null`, 'hidden');
  assert.deepEqual(await ff.eval(correctionsScript), [`Renamed ${a.name} to ${renamed} Undo`, `Hid ${person.name} Undo`]);
  // A reload keeps them; an undo takes one away.
  await ff.goto('about:blank');
  await ff.goto(pageUrl + '#');
  await ff.waitFor('return document.documentElement.dataset.ready === "1"', 'data-ready');
  await ff.waitFor('return document.querySelectorAll("[data-testid=correction-row]").length === 2 || null', 'the list after a reload');
  assert.ok((await ff.eval(rowsScript)).some((r) => r.id === `place:${renamed}`));
  await ff.click(await ff.find('[data-testid=correction-row]:last-child [data-testid=correction-undo]'));
  await ff.waitFor(`return !!document.querySelector('[data-testid=entity-row][data-entity-id="${person.id}"]') || null`, 'shown again');
  assert.deepEqual(await ff.eval(correctionsScript), [`Renamed ${a.name} to ${renamed} Undo`]);
  await ff.eval('localStorage.clear()');
});
