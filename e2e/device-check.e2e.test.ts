import type { Browser, Page } from 'playwright-core';
import type { Browser as FirefoxBrowser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, openFirefoxPage } from './drive.js';
import { FAKE_MEDIA_ARGS, launchChromium, newContext, PHONE, startPortico, type Portico } from './harness.js';

let portico: Portico;
/** Fake camera and microphone, and Allow answered for every permission prompt. */
let withDevices: Browser;
/** The same devices, but no one answers the prompt: headless Chromium then denies it (blocked). */
let blocked: Browser;
/** Firefox whose site permissions say Block for camera and microphone, as after a person chose Block. */
let firefoxBlocked: FirefoxBrowser;

const result = (page: Page) => page.locator('[data-result]');

beforeAll(async () => {
  portico = await startPortico();
  [withDevices, blocked, firefoxBlocked] = await Promise.all([
    launchChromium({ args: FAKE_MEDIA_ARGS }),
    launchChromium({ args: ['--use-fake-device-for-media-stream'] }),
    // The fake devices exist, but the prompt is not skipped and the default answer is Block (2).
    launchFirefox({
      'media.navigator.permission.disabled': false,
      'permissions.default.camera': 2,
      'permissions.default.microphone': 2,
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([withDevices?.close(), blocked?.close(), firefoxBlocked?.close()]);
  await portico?.close();
});

describe('device and connection check', () => {
  it('needs no sign-in and finds a working camera, microphone and connection', async () => {
    const { context, log } = await newContext(withDevices, portico.origin, PHONE);
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${portico.origin}/device-check`);
    await page.getByRole('heading', { level: 1, name: 'Check your device' }).waitFor();
    await page.getByText('Your browser can do video visits.').waitFor();
    expect(await result(page).getAttribute('data-result')).toBe('pending');

    await page.getByRole('button', { name: 'Start the check' }).click();
    // The camera preview plays real frames from the (fake) camera.
    await page.waitForFunction(() => {
      const video = document.querySelector<HTMLVideoElement>('.dc-preview__video');
      return !!video && video.videoWidth > 0 && video.currentTime > 0;
    });
    await page.getByText('We can hear you. Your microphone works.').waitFor();
    // The connection test measured the round trip and both directions against this server.
    await page.getByText('Good for video visits.').waitFor();
    const figures = await page.locator('.dc-figures').innerText();
    expect(figures).toMatch(/Response time\s+[\d.,]+ ms/);
    expect(figures).toMatch(/Download speed\s+[\d.,]+ Mbps/);
    expect(figures).toMatch(/Upload speed\s+[\d.,]+ Mbps/);
    await expect.poll(() => result(page).getAttribute('data-result')).toBe('ready');
    expect(await result(page).textContent()).toBe('This device is ready for a video visit.');
    // Nobody is left without a person to call.
    expect(await page.getByRole('link', { name: /^\d{3}-555-\d{4}$/ }).count()).toBeGreaterThan(0);

    // Leaving the page lets go of the camera: the track ends.
    await page.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('.dc-preview__video');
      (window as unknown as { previewStream: MediaStream | null }).previewStream =
        (video?.srcObject as MediaStream | null) ?? null;
    });
    await page.getByRole('link', { name: 'Find a virtual visit doctor' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Find a virtual visit doctor' }).waitFor();
    await page.waitForFunction(() =>
      (window as unknown as { previewStream: MediaStream | null }).previewStream
        ?.getTracks()
        .every((track) => track.readyState === 'ended'),
    );
    await context.close();
    expect(log.offOrigin()).toEqual([]);
    expect(log.pageErrors).toEqual([]);
  });

  it('explains a blocked camera and microphone step by step for the browser in use', async () => {
    const { context, log } = await newContext(blocked, portico.origin, PHONE);
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${portico.origin}/device-check`);
    await page.getByRole('button', { name: 'Start the check' }).click();
    const help = page.getByRole('alert').filter({ hasText: 'Your camera and microphone are blocked for this site' });
    await help.waitFor();
    // Numbered steps that name this browser, and a way to try again.
    expect(await help.locator('ol li').count()).toBeGreaterThan(1);
    expect(await help.innerText()).toMatch(/Chrome/);
    await help.getByRole('button', { name: 'Try again' }).waitFor();
    // Not a raw error name anywhere on the page.
    expect(await page.locator('main').innerText()).not.toMatch(/NotAllowedError|Permission denied/);
    await expect.poll(() => result(page).getAttribute('data-result')).toBe('notReady');
    await context.close();
    expect(log.pageErrors).toEqual([]);
  });

  it('explains a blocked camera in Firefox in Firefox’s own words', async () => {
    const { driver, close } = await openFirefoxPage(firefoxBlocked, PHONE);
    try {
      await driver.goto(`${portico.origin}/device-check`);
      await driver.click('button', 'Start the check');
      await driver.waitForRole('alert', /Your camera and microphone are blocked for this site/);
      const help = await driver.evaluate<{ steps: string[]; text: string; result: string | null }>(`(() => {
        const alert = [...document.querySelectorAll('[role=alert]')].find((el) =>
          el.textContent.includes('blocked for this site'));
        return {
          steps: [...alert.querySelectorAll('ol li')].map((li) => li.textContent.trim()),
          text: document.querySelector('main').innerText,
          result: document.querySelector('[data-result]').getAttribute('data-result'),
        };
      })()`);
      // Firefox's own controls (the crossed-out icon, "Blocked Temporarily"), not Chrome's.
      expect(help.steps.length).toBeGreaterThan(1);
      expect(help.steps.join(' ')).toMatch(/Blocked Temporarily/);
      expect(help.steps.join(' ')).not.toMatch(/Chrome/);
      expect(help.text).not.toMatch(/NotAllowedError|Permission denied/);
      await driver.waitForRole('button', 'Try again');
      await driver.waitUntil(`document.querySelector('[data-result]').getAttribute('data-result') === 'notReady'`);
      expect(driver.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});
