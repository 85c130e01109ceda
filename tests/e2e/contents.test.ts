import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectEngine, inspectRegistry, readCertDir, startRegistry } from '../../main/docker'
import { envValue } from '../../main/manage'
import { listTags, registryClient } from '../../main/registry-api'
import { pushTiny } from '../manage/support'
import { preconditions } from '../registry-api/support'
import { dockerCleanup, freePort, makeCerts } from '../support/rw-reg-fixtures'
import { describeViolations, seriousAxeViolations } from './axe'
import { startWizard, type Wizard } from './harness'
import { writeReturningSettings } from '../support/returning-settings'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

/**
 * The Registry contents screen in Chromium with the real preload and IPC handlers (tests/e2e/harness.ts) against a
 * real registry:2 our startRegistry ran with deleting off: reached from Home by keyboard, the pushed repositories
 * and tags in the table, a delete through the dialog by keyboard refused, deleting switched on by the job (the
 * container re-created), the delete again, gone from the registry. axe-core finds no serious or critical violation
 * in English and in Chinese.
 */
const ready = await preconditions()
const CONTAINER = `rw-contents-e2e-${randomBytes(3).toString('hex')}`

let wizard: Wizard
let page: Page
let root: string
let port: number
let caPem: string

const isFocused = (loc: Locator): Promise<boolean> =>
  loc.evaluate(
    (el: unknown) =>
      el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
  )

async function tabTo(loc: Locator, max = 120): Promise<void> {
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

/** A CA and server pair for 127.0.0.1, the registry (deleting off) on a free port, three tags in two repositories. */
async function setUpRegistry(): Promise<{ caDir: string; certDir: string }> {
  const { caDir, certDir } = await makeCerts(root, ['127.0.0.1'], 'e2e')
  port = await freePort()
  await startRegistry(connectEngine({}), { name: CONTAINER, port, certs: await readCertDir(certDir) })
  caPem = await fs.readFile(join(certDir, 'ca.crt'), 'utf8')
  const c = registryClient({ host: '127.0.0.1', port, caPem })
  await pushTiny(c, 'team/app', ['1'], { created: '2024-01-01T00:00:00Z', seed: 'one' })
  await pushTiny(c, 'team/app', ['2', 'latest'], { created: '2024-02-01T00:00:00Z', seed: 'two' })
  await pushTiny(c, 'team/db', ['5'], { created: '2024-03-01T00:00:00Z', seed: 'db' })
  c.close()
  return { caDir, certDir }
}

async function tagsNow(repo: string): Promise<string[]> {
  const c = registryClient({ host: '127.0.0.1', port, caPem })
  try {
    return (await listTags(c, repo)).sort()
  } finally {
    c.close()
  }
}

/** Opens the row's Delete dialog and confirms it, by keyboard only (Cancel has focus first). */
async function deleteByKeyboard(reference: string): Promise<void> {
  await tabTo(page.getByRole('button', { name: `Delete ${reference}` }))
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('alertdialog', { name: `Delete ${reference}?` })
  await dialog.waitFor()
  expect(await isFocused(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true)
  await dialog.getByText(/Tags that go with it: 2, latest\./).waitFor()
  await page.keyboard.press('Tab')
  expect(await isFocused(dialog.getByRole('button', { name: 'Delete', exact: true }))).toBe(true)
  await page.keyboard.press('Enter')
  await dialog.waitFor({ state: 'detached' })
}

describe.runIf(ready)('the Registry contents screen in Chromium with the real IPC and registry:2', () => {
  beforeAll(async () => {
    root = await fs.mkdtemp(join('/tmp', 'rw-contents-e2e-'))
    const { caDir, certDir } = await setUpRegistry()
    wizard = await startWizard(CONTAINER)
    page = wizard.page
    await writeReturningSettings({ work: wizard.work, port, caDir, certDir })
    await page.reload()
    await page.locator('main[data-ready="yes"]').waitFor()
  }, 300_000)

  afterAll(async () => {
    await wizard.close()
    await dockerCleanup([CONTAINER], [`${CONTAINER}-data`, `${CONTAINER}-certs`, `${CONTAINER}-auth`])
    await fs.rm(root, { recursive: true, force: true })
  })

  it('from Home by keyboard: the tags, a delete refused, deleting switched on, the delete done', async () => {
    await tabTo(page.getByRole('button', { name: /See what the registry holds/ }))
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Registry contents' }).waitFor()
    const table = page.getByRole('table', { name: 'Tags in the registry' })
    for (const row of ['team/app:1', 'team/app:2', 'team/app:latest', 'team/db:5'])
      await table.locator(`tr[data-row="${row}"]`).waitFor()
    await table.getByText(`docker pull 127.0.0.1:${port}/team/db:5`).waitFor()
    await page.getByText('2 repositories, 4 tags', { exact: false }).waitFor()
    await expectNoSeriousAxe('Registry contents (en)')

    await deleteByKeyboard('team/app:2')
    await page.getByText(/does not allow deleting \(405\)/).waitFor({ timeout: 30_000 })
    expect(await tagsNow('team/app')).toEqual(['1', '2', 'latest'])
    await tabTo(page.getByRole('button', { name: 'Switch deleting on' }))
    await page.keyboard.press('Enter')
    await page.getByText(/Deleting is switched on/).waitFor({ timeout: 90_000 })
    const info = await inspectRegistry(connectEngine({}), CONTAINER)
    expect(envValue(info, 'REGISTRY_STORAGE_DELETE_ENABLED')).toBe('true')

    await deleteByKeyboard('team/app:2')
    await page
      .getByText(/✓ Deleted team\/app@sha256:[0-9a-f]{64}; tags gone: 2, latest\./)
      .waitFor({ timeout: 30_000 })
    await table.locator('tr[data-row="team/app:2"]').waitFor({ state: 'detached' })
    expect(await tagsNow('team/app')).toEqual(['1'])
    expect(await tagsNow('team/db')).toEqual(['5'])
    await page.locator('.contents-chart canvas').waitFor()
    await expectNoSeriousAxe('Registry contents after delete (en)')
  }, 180_000)

  it('zh-CN: the same screen in Chinese, axe-clean', async () => {
    await page.locator('#language').selectOption('zh-CN')
    await page.getByRole('heading', { level: 1, name: '镜像仓库内容' }).waitFor()
    await page.getByRole('table', { name: '镜像仓库中的标签' }).waitFor()
    await page.getByRole('button', { name: '删除 team/app:1' }).waitFor()
    await expectNoSeriousAxe('Registry contents (zh-CN)')
  }, 60_000)
})
