import { text } from '../internal/page.js';
import type { VoucherCard } from './voucher-card.js';

/** Test and automation helper: what a person sees on a `<voucher-card>`. */
export class VoucherCardPage {
  constructor(readonly el: VoucherCard) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  #part(name: string): Element | null {
    return this.#root.querySelector(`[part~="${name}"]`);
  }

  /** The QR code's box (`role="img"`). */
  get qr(): HTMLElement | null {
    return this.#part('qr') as HTMLElement | null;
  }

  /** The `<svg>` qr-code-styling drew, once drawn. */
  get qrSvg(): SVGSVGElement | null {
    return this.qr?.querySelector('svg') ?? null;
  }

  /** The number as printed (without its hidden label). */
  number(): string {
    const el = this.#part('number');
    return text(el?.lastChild as Element | null) || text(el);
  }

  places(): string {
    return text(this.#part('places'));
  }

  expiry(): string {
    return text(this.#part('expiry'));
  }

  blocked(): string {
    return text(this.#part('blocked'));
  }

  get printButton(): HTMLButtonElement | null {
    return this.#part('print') as HTMLButtonElement | null;
  }

  state(): string {
    return text(this.#part('state'));
  }

  /**
   * The QR drawing as pixels: the SVG rendered on a white canvas of `size` pixels, for a
   * decoder such as jsQR.
   */
  async qrPixels(size = 400): Promise<ImageData> {
    const svg = this.qrSvg;
    if (!svg) throw new Error('No QR drawn');
    const source = new XMLSerializer().serializeToString(svg);
    const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
    try {
      const image = new Image(size, size);
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size + 40;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(image, 20, 20, size, size);
      return g.getImageData(0, 0, canvas.width, canvas.height);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}
