import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { pushBlob, putManifest, registryClient } from '../../main/registry-api'
import { preconditions, smallImage } from '../registry-api/support'
import { webUtils } from '../support/electron-stand-in/index'
import { dockerCleanup, freePort, makeCerts, run } from '../support/rw-reg-fixtures'
import { tagsOf, writeOciLayout } from '../images/import-support'
import { describeViolations, seriousAxeViolations } from './axe'
import { startWizard, type Wizard } from './harness'
import { writeReturningSettings } from '../support/returning-settings'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

/**
 * The Images screen in Chromium with the real preload and IPC handlers (tests/e2e/harness.ts) against a real
 * registry:2 our startRegistry ran: reached from Home, an archive picked through main's dialog (the page only ever
 * holds its id), its table, the push by keyboard, and the pushed image in the Registry contents table shown under the
 * push (read through readCatalog from the registry, only the pushed repository), ticked for export there and seen
 * ticked on the Registry contents screen. axe-core finds no serious or critical violation on either screen in English
 * and in Chinese.
 */
const ready = await preconditions()
const CONTAINER = `rw-images-e2e-${randomBytes(3).toString('hex')}`

let wizard: Wizard
let page: Page
let root: string
let archive: string
let regPort: number
let caFile: string

const isFocused = (loc: Locator): Promise<boolean> =>
  loc.evaluate(
    (el: unknown) =>
      el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
  )

async function tabTo(loc: Locator, max = 80): Promise<void> {
  await loc.waitFor({ timeout: 20_000 })
  for (let i = 0; i < max; i++) {
    if (await isFocused(loc)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${String(loc)} was not reached with Tab`)
}

async function expectNoSeriousAxe(where: string): Promise<void> {
  const violations = await seriousAxeViolations(page)
  expect(violations, `${where}: axe-core\n${describeViolations(violations)}`).toEqual([])
}

/** A CA and server pair for 127.0.0.1, the registry on a free port, a seed image and an OCI archive of it. */
async function setUpRegistry(): Promise<{ port: number; caDir: string; certDir: string }> {
  const { caDir, certDir } = await makeCerts(root, ['127.0.0.1'], 'e2e')
  const port = await freePort()
  await startRegistry(connectEngine({}), { name: CONTAINER, port, certs: await readCertDir(certDir) })
  const caPem = await fs.readFile(join(certDir, 'ca.crt'), 'utf8')
  const c = registryClient({ host: '127.0.0.1', port, caPem })
  const img = smallImage(32 * 1024)
  for (const b of [img.layer, img.config]) await pushBlob(c, 'seed/app', b)
  await putManifest(c, 'seed/app', '1', { mediaType: img.mediaType, bytes: img.manifest })
  c.close()
  const trust = join(root, 'trust')
  await fs.mkdir(trust)
  await fs.copyFile(join(certDir, 'ca.crt'), join(trust, 'ca.crt'))
  archive = join(root, 'hello.tar')
  await run('skopeo', [
    'copy',
    '--src-cert-dir',
    trust,
    `docker://127.0.0.1:${port}/seed/app:1`,
    `oci-archive:${archive}:e2e/hello:1`,
  ])
  regPort = port
  caFile = join(certDir, 'ca.crt')
  return { port, caDir, certDir }
}

/** Drops files on the Images screen as a user's drag from the file manager does: a DataTransfer holding Files. */
async function dropFiles(names: string[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list: string[]) => {
    // The page's DOM classes (this file compiles without the DOM lib).
    const w = globalThis as unknown as {
      DataTransfer: new () => { items: { add: (file: unknown) => unknown } }
      File: new (parts: string[], name: string) => unknown
    }
    const dt = new w.DataTransfer()
    for (const n of list) dt.items.add(new w.File(['stand-in'], n))
    return dt
  }, names)
  await page.getByTestId('images-drop-zone').dispatchEvent('drop', { dataTransfer })
}

async function removeArchive(name: string): Promise<void> {
  await page.getByRole('button', { name: `Remove ${name}` }).click()
  await page.getByRole('table', { name: `Images in ${name}` }).waitFor({ state: 'detached' })
}

describe.runIf(ready)('the Images screen in Chromium with the real IPC and registry:2', () => {
  beforeAll(async () => {
    root = await fs.mkdtemp(join('/tmp', 'rw-images-e2e-'))
    const { port, caDir, certDir } = await setUpRegistry()
    wizard = await startWizard(CONTAINER, {
      dialogs: { chooseFile: () => Promise.resolve(archive), chooseFolder: () => Promise.resolve(root) },
    })
    page = wizard.page
    await writeReturningSettings({ work: wizard.work, port, caDir, certDir })
    await page.reload()
    await page.locator('main[data-ready="yes"]').waitFor()
  }, 300_000)

  afterAll(async () => {
    await wizard.close()
    await dockerCleanup([CONTAINER], [`${CONTAINER}-data`, `${CONTAINER}-certs`])
    await fs.rm(root, { recursive: true, force: true })
  })

  it('from Home by keyboard: pick, see the table, push, and the image is in the contents table under the push', async () => {
    await tabTo(page.getByRole('button', { name: /Import or export images/ }))
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Images' }).waitFor()
    await page.getByText(/After a push, its images are shown here as the registry holds them/).waitFor()
    const listing = page.getByRole('table', { name: 'Pushed images in the registry' })
    expect(await listing.count()).toBe(0)

    await tabTo(page.getByRole('button', { name: 'Pick an archive…' }))
    await page.keyboard.press('Enter')
    const table = page.getByRole('table', { name: 'Images in hello.tar' })
    await table.getByText('e2e/hello:1').waitFor()
    expect(await table.getByText('linux/amd64').count()).toBe(1)
    await expectNoSeriousAxe('Images (en)')

    await tabTo(page.getByRole('button', { name: 'Push to the registry' }))
    await page.keyboard.press('Enter')
    await page.getByText(/Pushed: e2e\/hello:1\. Blobs uploaded: 2/).waitFor({ timeout: 60_000 })
    // Read back from the registry (readCatalog): the pushed tag with its platform and size; the seed is not pushed here.
    const row = listing.locator('tr[data-row="e2e/hello:1"]')
    await row.waitFor({ timeout: 30_000 })
    expect(await row.getByText(/^linux\/amd64: \d/).count()).toBe(1)
    expect(await row.getByText(`docker pull 127.0.0.1:${regPort}/e2e/hello:1`).count()).toBe(1)
    expect(await listing.locator('tr[data-row^="seed/app:"]').count()).toBe(0)
    await tabTo(listing.getByRole('checkbox', { name: 'Export e2e/hello:1' }))
    await page.keyboard.press('Space')
    expect(await page.getByLabel('Images to export (one per line)').inputValue()).toBe('e2e/hello:1')
    await expectNoSeriousAxe('Images after the push (en)')
  })

  it('a file dropped on the screen: main gets its path from the preload (webUtils), the table shows its images', async () => {
    const dropped = join(root, 'dropped.tar')
    await fs.copyFile(archive, dropped)
    webUtils.paths.set('dropped.tar', dropped)
    await dropFiles(['dropped.tar'])
    const table = page.getByRole('table', { name: 'Images in dropped.tar' })
    await table.getByText('e2e/hello:1').waitFor()
    expect(await table.getByText('linux/amd64').count()).toBe(1)
    // A File that is no file on disk (webUtils gives ''): main refuses it, nothing is added.
    await dropFiles(['not-on-disk.tar'])
    await page.getByText(/absolute path of a dropped file or folder/).waitFor()
    expect(await page.getByRole('table', { name: /not-on-disk/ }).count()).toBe(0)
    await removeArchive('dropped.tar')
    await removeArchive('hello.tar')
  })

  it('Cancel clicked during a push: the job ends cancelled and the registry has no tag', async () => {
    const layout = await writeOciLayout(join(root, 'big'), 'e2e/big:1', { layerSize: 64 << 20 })
    webUtils.paths.set('big', layout.dir)
    await dropFiles(['big'])
    await page.getByRole('table', { name: 'Images in big' }).getByText('e2e/big:1').waitFor()
    await page.getByRole('button', { name: 'Push to the registry' }).click()
    const moving = page.locator('.transfer progress').first()
    await moving.waitFor({ timeout: 30_000 })
    await page.waitForFunction(
      () => {
        const bars = (
          globalThis as unknown as {
            document: { querySelectorAll: (s: string) => ArrayLike<{ value: number }> }
          }
        ).document.querySelectorAll('.transfer progress')
        return Array.from(bars).some((b) => b.value > 0)
      },
      undefined,
      { timeout: 30_000 },
    )
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page
      .getByText('Cancelled. Nothing was tagged; uploaded blobs are skipped next time.')
      .waitFor({ timeout: 30_000 })
    expect(await page.getByText(/Pushed: e2e\/big:1/).count()).toBe(0)
    expect(await tagsOf(regPort, caFile, 'e2e/big')).toEqual([])
    await removeArchive('big')
  }, 120_000)

  it('zh-CN: the same screen in Chinese, axe-clean; Open Registry contents by keyboard shows the tick made here', async () => {
    await page.locator('#language').selectOption('zh-CN')
    await page.getByRole('heading', { level: 1, name: '镜像' }).waitFor()
    const listing = page.getByRole('table', { name: '已推送到镜像仓库的镜像' })
    await listing.locator('tr[data-row="e2e/hello:1"]').waitFor()
    expect(await listing.getByRole('checkbox', { name: '导出 e2e/hello:1' }).isChecked()).toBe(true)
    await expectNoSeriousAxe('Images (zh-CN)')
    await tabTo(page.getByRole('button', { name: '打开镜像仓库内容' }))
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: '镜像仓库内容' }).waitFor()
    const all = page.getByRole('table', { name: '镜像仓库中的标签' })
    await all.locator('tr[data-row="seed/app:1"]').waitFor({ timeout: 30_000 })
    const tick = all.getByRole('checkbox', { name: /e2e\/hello:1/ })
    expect(await tick.isChecked()).toBe(true)
    await expectNoSeriousAxe('Registry contents (zh-CN)')
  })
})
