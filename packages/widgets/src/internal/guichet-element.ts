import type { Lang } from '@guichet/sdk/schemas';
import { LitElement, type PropertyDeclarations } from 'lit';
import { type Catalogue, loadStrings } from './localize.js';

/**
 * The base of every Guichet element: idempotent registration, the widget's language (and its
 * strings, loaded before an update in a language not yet in hand) and a typed way to fire events.
 * Components extend it, never `LitElement` directly.
 */
export class GuichetElement extends LitElement {
  static override properties: PropertyDeclarations = { lang: {} };

  /** The element's strings: an element that speaks English renders once they have arrived. */
  protected static catalogue: Catalogue<unknown> | undefined;

  /**
   * Registers the element under `tag` unless that tag is already taken (a page may load the
   * bundle and a per-element entry at once).
   */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  /** Language: `fr` (default) or `en`. Falls back to the nearest `lang` ancestor, then `<html lang>`. */
  declare lang: string;

  constructor() {
    super();
    this.lang = '';
  }

  /** The language strings and `Intl` formats use. */
  get language(): Lang {
    return resolveLang(this);
  }

  /**
   * What the next update needs that has not arrived, as the promises of its loads (`undefined`
   * for what is in hand): the element's strings in its language (French is always in hand). An
   * element adds the code it loads on first use (a view only some visits reach). The update waits
   * for them all, so the element renders complete, in its language from its first frame, and
   * `updateComplete` covers the loads; what failed to arrive is rendered without (French strings,
   * or the element's own "could not be loaded").
   */
  protected arriving(): (Promise<void> | undefined)[] {
    const { catalogue } = this.constructor as typeof GuichetElement;
    return [catalogue && loadStrings(catalogue, this.language)];
  }

  // biome-ignore lint/suspicious/noConfusingVoidType: Lit's own signature (an update may be synchronous).
  protected override scheduleUpdate(): void | Promise<unknown> {
    const waits = this.#waits();
    return waits.length ? this.#arrive(waits).then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  #waits(): Promise<void>[] {
    return this.arriving().filter((wait) => wait !== undefined);
  }

  // While it waited the element may have come to need more (a form opened meanwhile, a view's
  // strings once the view arrived): look again, three rounds at most, so that a load failing
  // over and over cannot hold the update.
  async #arrive(waits: Promise<void>[]): Promise<void> {
    for (let round = 1; waits.length; round++) {
      await Promise.all(waits);
      waits = round < 3 ? this.#waits() : [];
    }
  }

  /** Fires a Guichet event from this element (bubbles, composed). Only on user action. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}

/**
 * `en` for any English tag (`en`, `en-GB`), `fr` for everything else. Walks up from `el` through
 * shadow hosts to the first non-empty `lang`, as the browser does for the `:lang()` selector.
 * An element's `lang` property counts (a Guichet element's is not written back to its attribute).
 */
export function resolveLang(el: Element): Lang {
  let node: Element | null = el;
  while (node) {
    const tag = node instanceof HTMLElement ? node.lang : node.getAttribute('lang');
    if (tag) return tag.toLowerCase().startsWith('en') ? 'en' : 'fr';
    const root = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return 'fr';
}

/**
 * The base of Guichet events: a typed readonly `detail`, `bubbles` and `composed` so a host page
 * hears it through shadow roots.
 */
export class GuichetEvent<T> extends Event {
  constructor(
    type: string,
    readonly detail: T,
    init: { cancelable?: boolean } = {},
  ) {
    super(type, { bubbles: true, composed: true, ...init });
  }
}
