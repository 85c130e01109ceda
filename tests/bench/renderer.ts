import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { CHANNELS } from '../../main/ipc/contract'
import { serveDir } from '../support/electron-stand-in/static-server'
import { makeTmpDir } from '../support/fs-snapshot'

/**
 * Renderer figures for `npm run bench`:
 * - the production bundle's JavaScript, gzipped (target <= 350 KB);
 * - time to the first screen being interactive in Chromium: navigation start -> the app's
 *   `rw:first-step-interactive` performance mark (app info and settings loaded, i18n ready, first screen rendered),
 *   beside the same mark on a blank page from the same server in the same Chromium (the floor); then -> the Plan
 *   step rendered after a click. The page gets an instant stand-in API so the figure is the renderer's own cost,
 *   not main's. No target is set for the two times yet: they are printed for comparison between runs.
 */
export interface RendererBench {
  ok: boolean
  gzipJsBytes: number
  gzipTargetBytes: number
  firstScreenInteractiveMs: number
  firstStepInteractiveMs: number
  blankPageMs: number
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TARGET = 350 * 1024

export function gzipJsSize(dir = join(ROOT, 'out/renderer/assets')): number {
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`npx electron-vite build\` first`)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0)
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

const STAND_IN_API = `(() => {
  const values = {
    getAppInfo: { version: 'bench', platform: 'linux', locale: 'en-US', defaultWorkDir: '/tmp/rw' },
    getSettings: { knownCas: [], knownCerts: [] },
    listAddresses: { hostname: 'h', addresses: [] },
  }
  const api = { on: () => () => undefined }
  for (const c of ${JSON.stringify(CHANNELS)}) {
    api[c] = () => Promise.resolve(c in values ? { ok: true, value: values[c] } : { ok: false, error: { code: 'X', message: c } })
  }
  Object.defineProperty(globalThis, 'registryWizard', { value: api })
})()`

export async function benchRenderer(runs = 5): Promise<RendererBench> {
  const gzipJsBytes = gzipJsSize()
  const server = await serveDir(join(ROOT, 'out/renderer'))
  const blankDir = makeTmpDir('rw-bench-blank-')
  writeFileSync(
    join(blankDir, 'index.html'),
    '<!doctype html><title>blank</title><main data-ready="yes">blank</main><script>performance.mark("rw:first-step-interactive")</script>',
  )
  const blankServer = await serveDir(blankDir)
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  const firstScreen: number[] = []
  const firstStep: number[] = []
  const blank: number[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1240, height: 820 } })
      const page = await context.newPage()
      // A string, not a function: tsx would add helpers (__name) that do not exist in the page.
      await page.addInitScript(STAND_IN_API)
      await page.goto(`${server.origin}/index.html`)
      await page.locator('main[data-ready="yes"]').waitFor()
      firstScreen.push(
        await page.evaluate(
          () => performance.getEntriesByName('rw:first-step-interactive')[0]?.startTime ?? NaN,
        ),
      )
      const t0 = await page.evaluate(() => performance.now())
      await page.getByRole('button', { name: 'Start setup' }).click()
      await page.getByLabel('IP address or DNS name').waitFor()
      firstStep.push((await page.evaluate(() => performance.now())) - t0)
      await page.goto(`${blankServer.origin}/index.html`)
      await page.locator('main[data-ready="yes"]').waitFor()
      blank.push(
        await page.evaluate(
          () => performance.getEntriesByName('rw:first-step-interactive')[0]?.startTime ?? NaN,
        ),
      )
      await context.close()
    }
  } finally {
    await browser.close()
    await server.close()
    await blankServer.close()
    rmSync(blankDir, { recursive: true, force: true })
  }
  const result = {
    gzipJsBytes,
    gzipTargetBytes: TARGET,
    firstScreenInteractiveMs: Math.round(median(firstScreen)),
    firstStepInteractiveMs: Math.round(median(firstStep)),
    blankPageMs: Math.round(median(blank)),
  }
  const ok = gzipJsBytes <= TARGET
  const kb = (b: number): string => `${(b / 1024).toFixed(1)} KB`
  process.stdout.write(
    `${'renderer bundle JS gzip'.padEnd(54)} ${kb(gzipJsBytes)} (target <= ${kb(TARGET)}) ${ok ? 'OK' : 'OVER TARGET'}\n` +
      `${'renderer first screen interactive (Chromium)'.padEnd(54)} ours ${String(result.firstScreenInteractiveMs).padStart(6)} ms   reference ${String(result.blankPageMs).padStart(6)} ms (blank page, same server)   no target set   n=${runs}\n` +
      `${'renderer Home -> Plan step interactive'.padEnd(54)} ours ${String(result.firstStepInteractiveMs).padStart(6)} ms   no reference, no target set   n=${runs}\n`,
  )
  return { ok, ...result }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void benchRenderer(Number(process.env['BENCH_RUNS'] ?? 5)).then((r) => process.exit(r.ok ? 0 : 1))
}
