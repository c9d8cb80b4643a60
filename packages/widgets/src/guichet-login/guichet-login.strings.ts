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
  en: () => import('./guichet-login.strings.en.js').then((m) => m.en),
};
