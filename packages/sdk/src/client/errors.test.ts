import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  GuichetError,
  GuichetHttpError,
  GuichetNetworkError,
  GuichetTimeoutError,
  GuichetValidationError,
  isGuichetError,
} from './errors.js';

const problem = {
  type: 'https://guichet.dev/problems/not_found',
  title: 'Not found.',
  status: 404,
  code: 'not_found',
  messages: { fr: 'Introuvable.', en: 'Not found.' },
};

describe('errors', () => {
  it('have a literal name, a code and a message in the chosen language', () => {
    const http = new GuichetHttpError(problem, { lang: 'en', requestId: 'r-1' });
    expect(http).toBeInstanceOf(GuichetError);
    expect(http).toBeInstanceOf(Error);
    expect(http).toMatchObject({
      name: 'GuichetHttpError',
      code: 'not_found',
      status: 404,
      requestId: 'r-1',
    });
    expect(http.message).toBe('Not found.');
    expect(new GuichetHttpError(problem).message).toBe('Introuvable.');
    expect(new GuichetNetworkError().name).toBe('GuichetNetworkError');
    const timeout = new GuichetTimeoutError(10_000);
    // Intl's French puts a narrow no-break space before the unit.
    expect(timeout.message).toMatch(/^Le serveur n'a pas répondu dans le délai \(10\ss\)\. Réessayez\.$/);
    const invalid = new GuichetValidationError('request', 'book', [
      {
        code: 'too_small',
        minimum: 1,
        origin: 'array',
        path: ['body', 'changes'],
        message: 'Too small',
        input: [],
      },
    ]);
    expect(invalid.message).toBe('Demande invalide pour « book » — body.changes: Too small');
    expect(String(invalid)).toMatch(/^GuichetValidationError: /);
    const cause = new TypeError('fetch failed');
    expect(new GuichetNetworkError({ cause }).cause).toBe(cause);
  });

  it('are recognised without instanceof, of any kind or of one', () => {
    const http = new GuichetHttpError(problem);
    expect(isGuichetError(http)).toBe(true);
    expect(isGuichetError(http, 'GuichetHttpError')).toBe(true);
    expect(isGuichetError(http, 'GuichetError')).toBe(true);
    expect(isGuichetError(http, 'GuichetTimeoutError')).toBe(false);
    expect(isGuichetError(new Error('x'))).toBe(false);
    expect(isGuichetError(Object.assign(new Error('x'), { name: 'GuichetHttpError' }))).toBe(false);
    expect(isGuichetError(null)).toBe(false);
    expect(isGuichetError('GuichetError')).toBe(false);
  });

  it('are recognised across realms', () => {
    // An error made in another realm (an iframe, a vm context) by another copy of the class.
    const foreign = runInNewContext(`
      const e = new Error('Introuvable.');
      Object.defineProperty(e, Symbol.for('@guichet/sdk/error'), { value: true });
      e.name = 'GuichetHttpError';
      e;
    `);
    expect(foreign instanceof Error).toBe(false);
    expect(isGuichetError(foreign, 'GuichetHttpError')).toBe(true);
  });
});
