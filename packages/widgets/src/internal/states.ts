import type { Lang } from '@guichet/sdk/schemas';
import { html } from 'lit';
import { errorMessage } from './context.js';

/** "Loading…", announced politely. */
export function loadingState(text: string) {
  return html`<p class="state" part="state" role="status">${text}</p>`;
}

/** A quiet state line: signed out, nothing to show. */
export function quietState(text: string) {
  return html`<p class="state" part="state">${text}</p>`;
}

/** A failed load: the server's message in `lang` (else `words.failed`) and a retry button. */
export function errorState(
  error: unknown,
  lang: Lang,
  words: { failed: string; retry: string },
  retry: () => void,
) {
  return html`<div class="state error" part="state" role="alert">
    <p>${errorMessage(error, lang, words.failed)}</p>
    <button type="button" class="no-print" @click=${retry}>${words.retry}</button>
  </div>`;
}
