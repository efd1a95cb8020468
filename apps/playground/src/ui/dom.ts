/** Small DOM helpers: elements with text (never HTML from the spec), and the one-tab-at-a-time switcher. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`no #${id} in the page`);
  return e as T;
}

/** The side panel's tabs; returns a function that selects one by name. */
export function setupTabs(onSelect?: (tab: string) => void): (tab: string) => void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('.tabs [data-tab]')];
  const select = (tab: string) => {
    for (const b of buttons) {
      const on = b.dataset.tab === tab;
      b.setAttribute('aria-selected', String(on));
      byId(`panel-${b.dataset.tab}`).hidden = !on;
    }
    onSelect?.(tab);
  };
  for (const b of buttons) b.addEventListener('click', () => select(b.dataset.tab!));
  return select;
}

export const fmt = (v: number | undefined, digits = 4): string => (v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString());
