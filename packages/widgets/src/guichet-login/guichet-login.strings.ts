import type { Catalogue } from '../internal/localize.js';

export interface GuichetLoginStrings {
  form: string;
  login: string;
  password: string;
  submit: string;
  submitting: string;
  loginRequired: string;
  passwordRequired: string;
  failed: string;
  noServer: string;
  forgot: string;
  forgotForm: string;
  forgotHelp: string;
  send: string;
  back: string;
  sent: string;
  signedInAs: (name: string) => string;
  structure: string;
  switchTo: string;
  switchButton: string;
  logout: string;
}

export const loginStrings: Catalogue<GuichetLoginStrings> = {
  fr: {
    form: 'Connexion',
    login: 'Identifiant',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    loginRequired: 'Saisissez votre identifiant.',
    passwordRequired: 'Saisissez votre mot de passe.',
    failed: 'La connexion a échoué. Réessayez.',
    noServer: 'Le service n’est pas configuré (attribut api manquant).',
    forgot: 'Mot de passe oublié ?',
    forgotForm: 'Retrouver votre mot de passe',
    forgotHelp:
      'Saisissez votre identifiant : un lien pour choisir un nouveau mot de passe sera envoyé à l’adresse mail de votre profil.',
    send: 'Envoyer le lien',
    back: 'Retour à la connexion',
    sent: 'Si cet identifiant existe, un mail contenant un lien pour choisir un nouveau mot de passe vient d’être envoyé à l’adresse de son profil.',
    signedInAs: (name) => `Connecté : ${name}`,
    structure: 'Structure consultée',
    switchTo: 'Changer de structure',
    switchButton: 'Modifier',
    logout: 'Se déconnecter',
  },
  en: {
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
  },
};
