import type { Page } from 'playwright-core'

export interface GlyphReport {
  /** The distinct CJK characters measured. */
  chars: string[]
  /** Advance width of each, in em of the page's font. */
  widths: number[]
  /** How many distinct bitmaps the characters drew (tofu boxes all look alike). */
  distinctBitmaps: number
  /** Characters that drew no ink at all. */
  blank: string[]
  ok: boolean
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/gu

/**
 * Whether the page really draws CJK glyphs for `text` (in the font the page's h1 uses, with the browser's font
 * fallback): each distinct character is drawn on a canvas. Without a CJK font, Chromium draws the same .notdef box
 * for every character, narrower than a full-width glyph; with one, distinct characters give distinct, full-width
 * glyphs. The check runs in the page, so it sees the same fonts as the screenshot.
 */
export async function cjkGlyphReport(page: Page, text: string): Promise<GlyphReport> {
  const chars = [...new Set(text.match(CJK) ?? [])].slice(0, 8)
  if (chars.length < 2)
    throw new Error(`need at least two distinct CJK characters to check, got ${JSON.stringify(text)}`)
  // A string, not a function: the test transform may add helpers that do not exist in the page.
  const measured = await page.evaluate<{ width: number; ink: number; hash: number }[]>(`(() => {
    const chars = ${JSON.stringify(chars)}
    const h1 = document.querySelector('h1') || document.body
    const family = getComputedStyle(h1).fontFamily
    const size = 48
    const canvas = document.createElement('canvas')
    canvas.width = size * 2
    canvas.height = size * 2
    const g = canvas.getContext('2d', { willReadFrequently: true })
    g.font = size + 'px ' + family
    g.textBaseline = 'top'
    return chars.map((ch) => {
      g.clearRect(0, 0, canvas.width, canvas.height)
      g.fillStyle = '#000'
      g.fillText(ch, 4, 4)
      const data = g.getImageData(0, 0, canvas.width, canvas.height).data
      let ink = 0
      let hash = 0
      for (let i = 3; i < data.length; i += 4) {
        if (data[i] > 0) ink++
        hash = (hash * 31 + data[i] * (i + 1)) | 0
      }
      return { width: g.measureText(ch).width / size, ink, hash }
    })
  })()`)
  const widths = measured.map((m) => Number(m.width.toFixed(2)))
  const distinctBitmaps = new Set(measured.map((m) => `${m.ink}:${m.hash}`)).size
  const blank = chars.filter((_, i) => (measured[i]?.ink ?? 0) === 0)
  const ok = distinctBitmaps === chars.length && blank.length === 0 && widths.every((w) => w >= 0.9)
  return { chars, widths, distinctBitmaps, blank, ok }
}
