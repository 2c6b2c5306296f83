/**
 * Renders every icon the installers and the tray need from the one source, build/icon.svg, with sharp:
 * build/icon.png (1024 px; electron-builder makes macOS's .icns and Windows' .ico from it), build/icons/<n>x<n>.png
 * (Linux's hicolor sizes) and resources/tray-icon.png with its @2x (the tray's, shipped with the app).
 * `npm run dist` runs it before electron-builder; only the tray's two small files are committed.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
const INSTALLER_ICON_SIZE = 1024;
const TRAY_ICON_SIZE = 16;

export interface IconPaths {
  source: string;
  buildDir: string;
  resourcesDir: string;
}

export async function makeIcons(paths: IconPaths): Promise<string[]> {
  const svg = await readFile(paths.source);
  const written: string[] = [];
  const render = async (size: number, file: string) => {
    await mkdir(dirname(file), { recursive: true });
    // The SVG is rasterised at the target size (density scales its 512-unit view box), never scaled from a bitmap.
    await sharp(svg, { density: Math.ceil((72 * size) / 512) })
      .resize(size, size)
      .png()
      .toFile(file);
    written.push(file);
  };
  await render(INSTALLER_ICON_SIZE, join(paths.buildDir, 'icon.png'));
  for (const size of LINUX_ICON_SIZES) await render(size, join(paths.buildDir, 'icons', `${size}x${size}.png`));
  await render(TRAY_ICON_SIZE, join(paths.resourcesDir, 'tray-icon.png'));
  await render(TRAY_ICON_SIZE * 2, join(paths.resourcesDir, 'tray-icon@2x.png'));
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const written = await makeIcons({
    source: join(root, 'build', 'icon.svg'),
    buildDir: join(root, 'build'),
    resourcesDir: join(root, 'resources'),
  });
  console.log(`Rendered ${written.length} icons from build/icon.svg`);
}
