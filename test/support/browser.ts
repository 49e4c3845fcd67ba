// Headless Chromium for the HTML report's tests: Debian's /usr/bin/chromium driven by
// playwright-core (no browser download). Each page is opened from a file with every request but
// the document itself blocked and recorded, along with Content-Security-Policy violations and
// script errors, so a test can fail on any attempt to load something.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { repoPath } from "./repo.js";

export const CHROMIUM = "/usr/bin/chromium";

/** Why the browser tests skip, or undefined when they can run. */
export const BROWSER_MISSING = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing (apt-get install chromium)`;

/** Screenshots and other artifacts for people to look at; git-ignored. */
export const ARTIFACTS = repoPath("test-results", "html-report");

export interface OpenedPage {
  readonly page: Page;
  /** Every request the page attempted, the document first. */
  readonly requests: string[];
  /** Content-Security-Policy violations, as `directive blocked-uri`. */
  readonly violations: () => Promise<string[]>;
  /** Uncaught script errors and console errors. */
  readonly errors: string[];
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // playwright-core gives every launch a fresh temporary --user-data-dir of its own.
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // Belt and braces: even a request that got past the routing could reach no host.
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--proxy-server=127.0.0.1:9",
    ],
  });
}

export class PageFiles {
  #dir: string | undefined;

  async write(name: string, html: string): Promise<string> {
    this.#dir ??= await mkdtemp(join(tmpdir(), "dd-html-"));
    const file = join(this.#dir, name);
    await writeFile(file, html);
    return pathToFileURL(file).href;
  }

  async remove(): Promise<void> {
    if (this.#dir !== undefined) await rm(this.#dir, { recursive: true, force: true });
  }
}

/** Opens `url` (a file: URL) in a new context; `options` can e.g. bypass the CSP. */
export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  const documentUrl = url.replace(/#.*/, "");
  await context.route("**/*", (route) =>
    route.request().url() === documentUrl ? route.continue() : route.abort("blockedbyclient"),
  );
  // Runs before the page's own script; injected by the browser, so the page's CSP does not apply.
  await page.addInitScript(`
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__violations.push(event.violatedDirective + " " + event.blockedURI);
    });
  `);
  await page.goto(url);
  await page.waitForSelector("body.ready");
  return {
    page,
    requests,
    errors,
    violations: () => page.evaluate<string[]>("[...window.__violations]"),
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}
