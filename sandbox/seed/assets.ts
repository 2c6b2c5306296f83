/**
 * The demo gallery's files, made once per process: real JPEG and PNG images drawn with sharp (with their previews
 * and thumbnails), a one-page PDF invoice and a CSV price list.
 */
import sharp from 'sharp';
import { prepareMedia, type MediaContent } from '../media-files';

export interface SeedFile {
  fileName: string;
  content: MediaContent;
}

function scene(width: number, height: number, shapes: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`);
}

const drawings: { fileName: string; width: number; height: number; shapes: string; format: 'jpeg' | 'png' }[] = [
  {
    fileName: 'storefront.jpg',
    width: 1200,
    height: 800,
    format: 'jpeg',
    shapes:
      '<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7ec8f2"/><stop offset="1" stop-color="#e8f6ff"/></linearGradient></defs>' +
      '<rect width="1200" height="800" fill="url(#sky)"/><rect y="560" width="1200" height="240" fill="#9a9a9a"/>' +
      '<rect x="250" y="260" width="700" height="320" fill="#f4e1c1"/><rect x="250" y="220" width="700" height="60" fill="#c0392b"/>' +
      '<rect x="320" y="340" width="220" height="160" fill="#5dade2"/><rect x="660" y="340" width="120" height="240" fill="#6e2c00"/>',
  },
  {
    fileName: 'order-screenshot.png',
    width: 800,
    height: 600,
    format: 'png',
    shapes:
      '<rect width="800" height="600" fill="#ffffff"/><rect width="800" height="70" fill="#2e86c1"/>' +
      '<rect x="40" y="110" width="720" height="90" rx="10" fill="#eaf2f8"/><rect x="40" y="230" width="720" height="90" rx="10" fill="#eaf2f8"/>' +
      '<rect x="40" y="350" width="720" height="90" rx="10" fill="#eaf2f8"/><rect x="540" y="490" width="220" height="60" rx="30" fill="#28b463"/>',
  },
  {
    fileName: 'product-sneaker.jpg',
    width: 600,
    height: 600,
    format: 'jpeg',
    shapes:
      '<rect width="600" height="600" fill="#fdebd0"/><ellipse cx="300" cy="470" rx="230" ry="30" fill="#d5d8dc"/>' +
      '<path d="M90 420 Q120 300 250 300 L330 250 Q380 330 510 360 Q540 380 520 430 Z" fill="#e74c3c"/>' +
      '<rect x="90" y="420" width="430" height="30" rx="12" fill="#fdfefe"/>',
  },
  {
    fileName: 'logo.png',
    width: 224,
    height: 224,
    format: 'png',
    shapes: '<circle cx="112" cy="112" r="110" fill="#1a5276"/><path d="M60 150 L112 60 L164 150 Z" fill="#f7dc6f"/>',
  },
];

/** A valid one-page PDF, with its cross-reference table computed. */
export function invoicePdf(): Buffer {
  const stream = 'BT /F1 24 Tf 72 760 Td (Acme Store - Invoice 4821) Tj 0 -40 Td /F1 14 Tf (2 x Sneaker  $158.00) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

const priceList = 'sku,name,price_usd\nSNK-001,Runner sneaker,79.00\nSNK-002,Trail sneaker,94.00\nTEE-010,Logo T-shirt,19.50\n';

let assets: Promise<SeedFile[]> | undefined;

export function seedFiles(): Promise<SeedFile[]> {
  assets ??= (async () => {
    const images = await Promise.all(
      drawings.map(async (drawing) => {
        const image = sharp(scene(drawing.width, drawing.height, drawing.shapes));
        const bytes = await (drawing.format === 'jpeg' ? image.jpeg({ quality: 82 }) : image.png()).toBuffer();
        return { fileName: drawing.fileName, content: await prepareMedia(bytes, drawing.fileName, undefined) };
      }),
    );
    const pdf = { fileName: 'invoice-4821.pdf', content: await prepareMedia(invoicePdf(), 'invoice-4821.pdf', undefined) };
    const csv = { fileName: 'price-list.csv', content: await prepareMedia(Buffer.from(priceList), 'price-list.csv', 'text/csv') };
    return [...images, pdf, csv];
  })();
  return assets;
}
