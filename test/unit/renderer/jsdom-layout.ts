/**
 * jsdom has no layout engine: every box measures 0×0, so a virtualised list would render no row.
 * This gives the Models list's scroll box the size a window gives it (the one thing Chromium
 * would compute); the e2e tests check the real layout in real Chromium.
 */
const real = {
  clientHeight: Object.getOwnPropertyDescriptor(Element.prototype, "clientHeight")!,
  clientWidth: Object.getOwnPropertyDescriptor(Element.prototype, "clientWidth")!,
};

export function giveListsAWindowSize(height = 640, width = 1100): () => void {
  for (const [name, size] of [["clientHeight", height], ["clientWidth", width]] as const) {
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains("model-list") ? size : (real[name].get!.call(this) as number);
      },
    });
  }
  return () => {
    delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight;
    delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientWidth;
  };
}
