// Regenerates every app icon from assets/icon.svg: `npm run icons`. The outputs are committed.
// PNG sizes for Linux (electron-builder reads assets/icons/NxN.png), .ico for Windows and .icns for macOS.
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import iconGen from 'icon-gen'
import sharp from 'sharp'

const here = dirname(fileURLToPath(import.meta.url))
const svgPath = join(here, 'icon.svg')
const svg = readFileSync(svgPath)
const pngDir = join(here, 'icons')
mkdirSync(pngDir, { recursive: true })

for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
  await sharp(svg, { density: 300 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(join(pngDir, `${size}x${size}.png`))
}
await sharp(svg, { density: 300 })
  .resize(512, 512)
  .png({ compressionLevel: 9 })
  .toFile(join(here, 'icon.png'))
await iconGen(svgPath, here, {
  report: false,
  ico: { name: 'icon', sizes: [16, 24, 32, 48, 64, 128, 256] },
  icns: { name: 'icon', sizes: [16, 32, 64, 128, 256, 512, 1024] },
})
console.log('icons written to assets/: icon.png, icon.ico, icon.icns, icons/NxN.png')
