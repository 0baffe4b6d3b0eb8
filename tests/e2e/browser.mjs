// Shared helpers: launch Debian's Chromium headless (no browser download) and open
// dist/guanxi.html from file://, recording console errors and any network request.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const pageUrl = pathToFileURL(path.join(root, 'dist/guanxi.html')).href;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function open(browser, hash = '', { viewport = { width: 1400, height: 900 }, init, acceptDownloads = false } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // blob: URLs are the page's own (its extraction worker, downloads), never the network.
  page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url()); });
  if (init) await page.addInitScript(init);
  await page.goto(pageUrl + hash);
  return { context, page, errors, requests };
}

export async function ready(page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 20000 });
}

/** [`open`], then waits until the page is [`ready`]. */
export async function openReady(browser, hash = '', options = {}) {
  const opened = await open(browser, hash, options);
  await ready(opened.page);
  return opened;
}

/** A ready page whose downloads can be saved (the exports' tests). */
export async function openForDownloads(browser) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await ready(page);
  return { context, page };
}

/** Ends a test: the page logged no error (and, when given, made no network request). */
export async function closeClean(context, errors, requests = []) {
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, []);
  await context.close();
}

/** A newspaper page of one article, as users import it. */
export const SAMPLE_PAGE = '湖南省长沙市岳麓区开展读书活动\n\n本报讯（陈晓峰）5月8日，湖南省长沙市岳麓区教育局在望月湖社区举办“书香社区”读书月活动。' +
  '岳麓区教育局局长刘建华出席并讲话。\n';

/** Resolves once the page has drawn a frame after everything sent to it so far: input is
 * handled in the task that receives it, so the state is then final. */
export async function drawn(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export { root };
