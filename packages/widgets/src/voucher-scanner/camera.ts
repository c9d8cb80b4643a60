/**
 * Reading QR codes from the camera for the desk widgets. The decoder is chosen and loaded only
 * when the camera is started: the browser's `BarcodeDetector` when it reads QR codes, else jsQR
 * (pure JavaScript, loaded with a dynamic `import()`).
 */

// `BarcodeDetector` is not in TypeScript's DOM library yet.
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource | ImageData): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

type JsQr = typeof import('jsqr').default;
let jsQrLoading: Promise<JsQr> | undefined;

/** jsQR, loaded on first use. */
export function loadJsQr(): Promise<JsQr> {
  jsQrLoading ??= import('jsqr').then((mod) => {
    const value = mod.default as JsQr | { default: JsQr };
    return typeof value === 'function' ? value : value.default;
  });
  return jsQrLoading;
}

/** Decodes the QR code in `pixels` with jsQR; `undefined` when none is found. */
export async function decodeImageData(pixels: ImageData): Promise<string | undefined> {
  const jsQR = await loadJsQr();
  return (
    jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })?.data ?? undefined
  );
}

/** Reads one frame of a video: the text of the QR code it shows, if any. */
export type FrameReader = (video: HTMLVideoElement) => Promise<string | undefined>;

/** Which decoder {@link createFrameReader} picked. */
export type DecoderKind = 'barcode-detector' | 'jsqr';

/**
 * The best frame reader of this browser: `BarcodeDetector` when it supports `qr_code`, else jsQR
 * on a canvas copy of the frame. `prefer` forces one (tests).
 */
export async function createFrameReader(
  prefer?: DecoderKind,
): Promise<{ kind: DecoderKind; read: FrameReader }> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (prefer !== 'jsqr' && Detector) {
    try {
      if ((await Detector.getSupportedFormats()).includes('qr_code')) {
        const detector = new Detector({ formats: ['qr_code'] });
        return {
          kind: 'barcode-detector',
          read: async (video) => (await detector.detect(video))[0]?.rawValue,
        };
      }
    } catch {
      // Fall back to jsQR.
    }
  }
  await loadJsQr();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return {
    kind: 'jsqr',
    read: async (video) => {
      const width = video.videoWidth;
      const height = video.videoHeight;
      if (!width || !height) return undefined;
      canvas.width = width;
      canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      return decodeImageData(context.getImageData(0, 0, width, height));
    },
  };
}

/** Why the camera could not start. */
export type CameraProblem = 'denied' | 'missing' | 'unavailable';

/** The camera could not be opened; `problem` says why. */
export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(`Camera ${problem}`);
    this.name = 'CameraError';
  }
}

/** Starts and stops the back camera on a `<video>`, and calls `onRead` with the first code it reads. */
export class CameraScanner {
  #stream: MediaStream | undefined;
  #stopped = true;

  /** Whether this browser can open a camera at all. */
  static get supported(): boolean {
    return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
  }

  /**
   * Opens the camera on `video` and reads frames until a QR code is read (then stops) or
   * {@link stop}. Rejects with a {@link CameraError} when the camera cannot be opened.
   */
  async start(video: HTMLVideoElement, onRead: (text: string) => void, prefer?: DecoderKind): Promise<void> {
    this.stop();
    this.#stopped = false;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
    } catch (error) {
      this.#stopped = true;
      const name = (error as { name?: string }).name;
      throw new CameraError(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'denied'
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? 'missing'
            : 'unavailable',
      );
    }
    if (this.#stopped) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.#stream = stream;
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    const { read } = await createFrameReader(prefer);
    const loop = async (): Promise<void> => {
      if (this.#stopped) return;
      const text = await read(video).catch(() => undefined);
      if (this.#stopped) return;
      if (text) {
        this.stop();
        onRead(text);
        return;
      }
      setTimeout(loop, 120);
    };
    loop();
  }

  /** Closes the camera. */
  stop(): void {
    this.#stopped = true;
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = undefined;
  }
}
