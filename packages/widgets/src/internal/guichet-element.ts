import type { Lang } from '@guichet/sdk/schemas';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * The base of every Guichet element: idempotent registration, the widget's language and a
 * typed way to fire events. Components extend it, never `LitElement` directly.
 */
export class GuichetElement extends LitElement {
  /**
   * Registers the element under `tag` unless that tag is already taken (a page may load the
   * bundle and a per-element entry at once).
   */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  /** Language: `fr` (default) or `en`. Falls back to the nearest `lang` ancestor, then `<html lang>`. */
  @property() override accessor lang = '';

  /** The language strings and `Intl` formats use. */
  get language(): Lang {
    return resolveLang(this);
  }

  /** Fires a Guichet event from this element (bubbles, composed). Only on user action. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}

/**
 * `en` for any English tag (`en`, `en-GB`), `fr` for everything else. Walks up from `el` through
 * shadow hosts to the first non-empty `lang`, as the browser does for the `:lang()` selector.
 */
export function resolveLang(el: Element): Lang {
  let node: Element | null = el;
  while (node) {
    const tag = node.getAttribute('lang');
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
