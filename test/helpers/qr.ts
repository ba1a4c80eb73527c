import jsQRModule from 'jsqr';

type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** jsqr is CommonJS with a `default` export in its types; under NodeNext we get module.exports itself. */
export const jsQR = ((jsQRModule as unknown as { default?: JsQR }).default ?? jsQRModule) as unknown as JsQR;
