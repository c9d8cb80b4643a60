import type { GuichetLoginStrings } from './guichet-login.strings.js';

/** The English strings of `<guichet-login>`, loaded when an element speaks English (see `Catalogue`). */
export const en: GuichetLoginStrings = {
  form: 'Sign in',
  login: 'Login',
  password: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in…',
  loginRequired: 'Enter your login.',
  passwordRequired: 'Enter your password.',
  failed: 'Signing in failed. Try again.',
  noServer: 'The service is not configured (missing api attribute).',
  forgot: 'Forgotten password?',
  forgotForm: 'Recover your password',
  forgotHelp:
    'Enter your login: a link to choose a new password will be sent to the email address of your profile.',
  send: 'Send the link',
  back: 'Back to sign in',
  sent: 'If this login exists, an email with a link to choose a new password has just been sent to the address of its profile.',
  signedInAs: (name) => `Signed in: ${name}`,
  structure: 'Current structure',
  switchTo: 'Switch structure',
  switchButton: 'Switch',
  logout: 'Sign out',
};
