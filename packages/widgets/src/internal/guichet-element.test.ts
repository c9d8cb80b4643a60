import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { GuichetElement, GuichetEvent } from './guichet-element.js';
import { type Catalogue, strings } from './localize.js';

interface Words {
  hello: string;
  places: (n: number) => string;
}

const FRENCH: Words = { hello: 'Bonjour', places: (n) => `${n} places restantes` };
const ENGLISH: Words = { hello: 'Hello', places: (n) => `${n} places left` };

let greetings = 0;

/**
 * A greeting element of its own tag, with a catalogue of its own whose English arrives when the
 * test calls `english.arrive()` (or fails at once while `english.fail`); `english.loads` counts
 * fetches.
 */
function greeting() {
  const english = { loads: 0, fail: false, arrive: () => {} };
  const catalogue: Catalogue<Words> = {
    fr: FRENCH,
    en: () => {
      english.loads += 1;
      if (english.fail) return Promise.reject(new Error('offline'));
      return new Promise<Words>((resolve) => {
        english.arrive = () => resolve(ENGLISH);
      });
    },
  };
  class Greeting extends GuichetElement {
    protected static override catalogue = catalogue;

    override render() {
      const t = strings(catalogue, this.language);
      return litHtml`<p>${t.hello}, ${t.places(2)}</p>`;
    }
  }
  const tag = `test-greeting-${++greetings}`;
  Greeting.define(tag);
  /** A `<tag lang=...>` in the page, not awaited (its English may not have arrived). */
  const add = (lang = '') => {
    const el = document.createElement(tag) as Greeting;
    if (lang) el.lang = lang;
    document.body.append(el);
    return el;
  };
  return { tag, english, add };
}

/** Lets pending imports, microtasks and a rendering frame run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

class TestGreeting extends GuichetElement {
  override render() {
    return litHtml`<button @click=${() => this.emit(new GuichetEvent('guichet-test', { n: 3 }))}>${FRENCH.hello}</button>`;
  }
}
TestGreeting.define('test-greeting');

describe('GuichetElement', () => {
  const added: Element[] = [];
  afterEach(() => {
    for (const el of added.splice(0)) el.remove();
  });

  it('registers once, whatever the number of define calls', () => {
    TestGreeting.define('test-greeting');
    expect(customElements.get('test-greeting')).to.equal(TestGreeting);
  });

  it('speaks French by default and never fetches another language for it', async () => {
    const { tag, english } = greeting();
    const el = await fixture(`<${tag}></${tag}>`);
    expect(el.shadowRoot!.textContent).to.equal('Bonjour, 2 places restantes');
    expect(english.loads).to.equal(0);
  });

  it('fetches English once for the page, and renders an English element only once it arrived', async () => {
    const { english, add } = greeting();
    const one = add('en-GB');
    const two = add('en');
    added.push(one, two);
    await settle();
    expect(english.loads).to.equal(1);
    expect(one.shadowRoot!.textContent).to.equal('', 'no French shown while English is on its way');
    english.arrive();
    await Promise.all([one.updateComplete, two.updateComplete]);
    expect(one.shadowRoot!.textContent).to.equal('Hello, 2 places left');
    expect(two.shadowRoot!.textContent).to.equal('Hello, 2 places left');
    // Later English elements find the strings in hand.
    const three = add('en');
    added.push(three);
    await three.updateComplete;
    expect(three.shadowRoot!.textContent).to.equal('Hello, 2 places left');
    expect(english.loads).to.equal(1);
  });

  it('switches to English when `lang` changes, once the strings arrived, and back to French', async () => {
    const { tag, english } = greeting();
    const el = await fixture<GuichetElement>(`<${tag}></${tag}>`);
    el.lang = 'en';
    await settle();
    expect(el.shadowRoot!.textContent).to.equal('Bonjour, 2 places restantes');
    english.arrive();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('Hello, 2 places left');
    el.lang = 'fr';
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('Bonjour, 2 places restantes');
    expect(english.loads).to.equal(1);
  });

  it('takes the language of an ancestor', async () => {
    const { tag, english } = greeting();
    const wrapper = document.createElement('div');
    wrapper.lang = 'en';
    wrapper.innerHTML = `<${tag}></${tag}>`;
    document.body.append(wrapper);
    added.push(wrapper);
    const el = wrapper.firstElementChild as GuichetElement;
    expect(el.language).to.equal('en');
    await settle();
    english.arrive();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('Hello, 2 places left');
  });

  it('stays in French when English cannot be fetched, and asks again on its next update', async () => {
    const { english, add } = greeting();
    english.fail = true;
    const el = add('en');
    added.push(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('Bonjour, 2 places restantes');
    // A few attempts, not an endless loop.
    expect(english.loads).to.equal(3);
    english.fail = false;
    el.requestUpdate();
    await settle();
    expect(english.loads).to.equal(4);
    english.arrive();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('Hello, 2 places left');
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
