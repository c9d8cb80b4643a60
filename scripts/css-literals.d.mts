/** One piece of a css`` literal's text (between interpolations), squeezed: see css-literals.mjs. */
export declare function squeezeCss(text: string): string;
/** The edits that squeeze every css`` literal of a module's code, in order. */
export declare function cssLiteralEdits(code: string): { start: number; end: number; text: string }[];
/** The module's code with its css`` literals squeezed. */
export declare function squeezeCssLiterals(code: string): string;
/** Widget sources, the only modules whose css`` literals are squeezed. */
export declare const WIDGET_SOURCE: RegExp;
/** The esbuild plugin: widget sources loaded with their css`` literals squeezed. */
export declare function esbuildCssLiterals(): import('esbuild').Plugin;
