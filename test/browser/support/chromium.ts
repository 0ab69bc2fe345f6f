import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`): test tools may not download a browser on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a closed network: without the background-networking, component-update and sync switches, Chromium
 * keeps dialling Google's hosts, which this network refuses. No sandbox: CI runs as root.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS_DIR = join(__dirname, '..', '..', '..', 'test-artifacts');

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Saves a PNG under test-artifacts/ (the whole page, or the region spanning `area`) and returns its path. */
  screenshot(page: Page, name: string, area?: Locator[]): Promise<string>;
  close(): Promise<void>;
}

/** Chromium on a fresh, empty profile (its own --user-data-dir), removed on close. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    context,
    newPage: () => context.newPage(),
    async screenshot(page, name, area) {
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true, clip: area ? await spanning(page, area) : undefined });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The page-coordinate rectangle covering every element of `area` (full-page clips are relative to the page). */
async function spanning(page: Page, area: Locator[]): Promise<{ x: number; y: number; width: number; height: number }> {
  // boundingBox() is relative to the viewport; a string keeps DOM globals out of this Node-typed file.
  const [scrollX, scrollY] = (await page.evaluate('[window.scrollX, window.scrollY]')) as [number, number];
  const boxes = (await Promise.all(area.map((element) => element.boundingBox()))).map((box) => {
    if (!box) throw new Error('A screenshot area element is not visible');
    return { left: box.x + scrollX, top: box.y + scrollY, right: box.x + box.width + scrollX, bottom: box.y + box.height + scrollY };
  });
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  return {
    x: left,
    y: top,
    width: Math.max(...boxes.map((b) => b.right)) - left,
    height: Math.max(...boxes.map((b) => b.bottom)) - top,
  };
}
