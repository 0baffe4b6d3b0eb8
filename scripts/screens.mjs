// Screenshots for the README (docs/screens/): the explorer, presentation mode and the phone and
// tablet layouts, at the sizes issue 18 names. Run after ./scripts/build.sh:
//   node scripts/screens.mjs
// Each PNG is reduced to 64 colours with pngquant (Debian's `pngquant`) when it is there.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launch, pageUrl, ready, drawn, root } from '../tests/e2e/browser.mjs';

const out = path.join(root, 'docs/screens');
const browser = await launch();

async function shot(name, width, height, act, { touch = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await ready(page);
  await act(page);
  await drawn(page);
  await page.waitForTimeout(300);
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file });
  try {
    execFileSync('pngquant', ['--force', '--strip', '--speed', '1', '--ext', '.png', '64', file]);
  } catch { /* keep the full-colour file */ }
  await context.close();
  console.log(file);
}

async function select(page, name) {
  await page.fill('[data-testid=search]', name);
  await page.waitForSelector('#suggestions li');
  await page.press('[data-testid=search]', 'Enter');
  await page.waitForFunction((n) => document.querySelector('[data-testid=detail-panel] h2')?.textContent === n, name);
}

const present = async (page) => {
  await select(page, '四川省');
  await page.keyboard.press('1');
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.documentElement.classList.contains('present'));
};

await shot('explorer-1400x900', 1400, 900, (p) => select(p, '四川省'));
await shot('explorer-1024x768', 1024, 768, (p) => select(p, '四川省'));
await shot('present-1400x900', 1400, 900, present);
await shot('present-1024x768', 1024, 768, present);
await shot('present-details-1024x768', 1024, 768, async (p) => { await present(p); await p.keyboard.press(']'); });
await shot('phone-390x844', 390, 844, async (p) => { await select(p, '四川省'); }, { touch: true });
await shot('phone-details-390x844', 390, 844, async (p) => { await select(p, '四川省'); await p.tap('[data-testid=caption-line]'); }, { touch: true });
await shot('phone-filters-390x844', 390, 844, (p) => p.tap('[data-testid=panel-left]'), { touch: true });
await shot('tablet-768x1024', 768, 1024, (p) => select(p, '四川省'), { touch: true });
await shot('explorer-zh-1400x900', 1400, 900, async (p) => {
  await p.selectOption('[data-testid=lang]', 'zh');
  await p.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
  await select(p, '四川省');
});
await browser.close();
