// Review screenshots, written by the suites through the `screenshot` command of
// wtr-guichet-plugin.mjs (puppeteer). Not compared: people look at them.
import { executeServerCommand } from '@web/test-runner-commands';

/** Phone and desktop widths of the review screenshots. */
export const SCREENSHOT_WIDTHS = [390, 1280] as const;

/**
 * Writes `<name>-390.png` and `<name>-1280.png` of `element` (in the page's light DOM) to
 * `test-results/screenshots/widgets/`, the viewport set to each width in turn.
 */
export async function screenshot(name: string, element: Element): Promise<void> {
  element.setAttribute('data-screenshot', name);
  try {
    await executeServerCommand('screenshot', {
      name,
      selector: `[data-screenshot="${name}"]`,
      widths: SCREENSHOT_WIDTHS,
    });
  } finally {
    element.removeAttribute('data-screenshot');
  }
}
