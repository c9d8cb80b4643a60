import type { Page } from 'puppeteer-core';

/**
 * A camera image for Chromium's fake capture device (`--use-file-for-fake-video-capture`): the
 * Y4M format, 4:2:0, gray (the chroma planes are neutral).
 */
export function y4m(luma: Uint8Array, width: number, height: number, frames = 10): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

/**
 * Draws an SVG (the voucher card's QR code) centred on a white `width` x `height` frame, in a
 * scratch tab of the browser, and answers its luma. The tab is blank: no page policy applies.
 */
export async function grayFrame(
  scratch: Page,
  svg: string,
  width: number,
  height: number,
): Promise<Uint8Array> {
  const values = await scratch.evaluate(
    async (markup, w, h) => {
      const image = new Image();
      // An SVG taken from an HTML page has no namespace of its own; a standalone image needs it.
      const standalone = markup.includes('xmlns=')
        ? markup
        : markup.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(standalone)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, w, h);
      const size = Math.round(h * 0.8);
      context.imageSmoothingEnabled = false;
      context.drawImage(image, (w - size) / 2, (h - size) / 2, size, size);
      const { data } = context.getImageData(0, 0, w, h);
      const luma: number[] = new Array(w * h);
      for (let i = 0; i < w * h; i++)
        luma[i] = Math.round(0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!);
      return luma;
    },
    svg,
    width,
    height,
  );
  return Uint8Array.from(values);
}
