/**
 * Draws a QR code with qr-code-styling, loaded on first use (a page without a card never
 * downloads it). The code is drawn as an inline `<svg>` (no `data:` image, no inline style,
 * no eval), so it works under a strict Content-Security-Policy.
 */

// The package is UMD: bundlers and the dev server give its class as `default`, or as
// `default.default` when the CommonJS wrapper is kept.
type Ctor = typeof import('qr-code-styling').default;

let loading: Promise<Ctor> | undefined;

function loadQrCodeStyling(): Promise<Ctor> {
  loading ??= import('qr-code-styling').then((mod) => {
    const value = mod.default as Ctor | { default: Ctor };
    return typeof value === 'function' ? value : value.default;
  });
  return loading;
}

/** What {@link drawQr} needs. */
export interface QrOptions {
  /** Side of the drawing in SVG units (it scales with its box). */
  size?: number;
  /** Colour of the dots (default black; a QR reads only dark on light). */
  color?: string;
}

/**
 * Draws `data` as a QR code (error correction M, square modules) and returns the `<svg>`,
 * not yet in the document: the caller places it.
 */
export async function drawQr(
  data: string,
  { size = 300, color = '#000' }: QrOptions = {},
): Promise<SVGSVGElement> {
  const QRCodeStyling = await loadQrCodeStyling();
  const qr = new QRCodeStyling({
    type: 'svg',
    width: size,
    height: size,
    margin: 0,
    data,
    qrOptions: { errorCorrectionLevel: 'M' },
    dotsOptions: { type: 'square', color },
    cornersSquareOptions: { type: 'square', color },
    cornersDotOptions: { type: 'square', color },
    backgroundOptions: { color: '#fff' },
  });
  const box = document.createElement('div');
  qr.append(box);
  await qr._svgDrawingPromise;
  const svg = box.querySelector('svg');
  if (!svg) throw new Error('qr-code-styling drew nothing');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return svg;
}
