import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { GuichetElement, GuichetEvent } from './guichet-element.js';
import { type Catalogue, strings } from './localize.js';

const catalogue: Catalogue<{ hello: string; places: (n: number) => string }> = {
  fr: { hello: 'Bonjour', places: (n) => `${n} places restantes` },
  en: { hello: 'Hello', places: (n) => `${n} places left` },
};

class TestGreeting extends GuichetElement {
  override render() {
    const t = strings(catalogue, this.language);
    return litHtml`<button @click=${() => this.emit(new GuichetEvent('guichet-test', { n: 3 }))}>${t.hello}</button>`;
  }
}
TestGreeting.define('test-greeting');

describe('GuichetElement', () => {
  it('registers once, whatever the number of define calls', () => {
    TestGreeting.define('test-greeting');
    expect(customElements.get('test-greeting')).to.equal(TestGreeting);
  });

  it('speaks French by default and English when asked', async () => {
    const fr = await fixture<TestGreeting>(html`<test-greeting></test-greeting>`);
    expect(fr.shadowRoot!.textContent).to.contain('Bonjour');
    const en = await fixture<TestGreeting>(html`<test-greeting lang="en-GB"></test-greeting>`);
    expect(en.shadowRoot!.textContent).to.contain('Hello');
  });

  it('takes the language of an ancestor', async () => {
    const wrapper = await fixture(html`<div lang="en"><test-greeting></test-greeting></div>`);
    const el = wrapper.querySelector('test-greeting') as TestGreeting;
    await el.updateComplete;
    expect(el.language).to.equal('en');
  });

  it('fires typed events that cross shadow roots', async () => {
    const el = await fixture<TestGreeting>(html`<test-greeting></test-greeting>`);
    let detail: unknown;
    document.addEventListener('guichet-test', (e) => (detail = (e as GuichetEvent<unknown>).detail), {
      once: true,
    });
    el.shadowRoot!.querySelector('button')!.click();
    expect(detail).to.deep.equal({ n: 3 });
  });

  it('is accessible', async () => {
    const el = await fixture<TestGreeting>(html`<test-greeting></test-greeting>`);
    await expect(el).to.be.accessible();
  });
});
