/**
 * The first element that sticks out of the viewport to the right, outside a scroll box of its own
 * (`.table-scroll` by default): at 420 px this is a demanding user's first complaint. null when
 * everything fits. For the e2e files that check a narrow window.
 */
import type { Page } from "playwright-core";

export async function overflowingElement(page: Page, scrollBoxes = ".table-scroll"): Promise<string | null> {
  return page.evaluate((skip) => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) return `page is ${document.documentElement.scrollWidth}px wide`;
    for (const el of Array.from(document.querySelectorAll(".content *"))) {
      if (el.closest(skip)) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) return `${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(box.right)}px`;
    }
    return null;
  }, scrollBoxes);
}
