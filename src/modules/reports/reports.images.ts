import sharp from 'sharp';

/**
 * A documentation photo as the report prints it: at most 1040 × 920 px, which is 220 ppi at the largest
 * printed size (12 cm wide, 10.6 cm high), JPEG quality 80. The stored 1600 px photo would make a report of
 * twenty photos over 6 MB, too heavy to send by WhatsApp or e-mail, for no sharper print.
 */
export async function printPhoto(
  file: string,
): Promise<{ data: Buffer; width: number; height: number } | null> {
  try {
    const out = await sharp(file)
      .resize({ width: 1040, height: 920, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { data: out.data, width: out.info.width, height: out.info.height };
  } catch {
    return null;
  }
}
