export { GuichetElement, GuichetEvent, resolveLang } from './guichet-element.js';
export { type Catalogue, strings } from './localize.js';
