import { randomBytes, X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { pemCertificates } from '../../main/pki'
import { preconditions } from '../registry-api/support'
import { curlStatus, dockerCleanup, freePort, makeCerts } from '../support/rw-reg-fixtures'
import { describeViolations, seriousAxeViolations } from './axe'
import { startWizard, type Wizard } from './harness'
import { writeReturningSettings } from '../support/returning-settings'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

/**
 * The CA renewal from Home in Chromium with the real preload and IPC handlers (tests/e2e/harness.ts) against a real
 * registry:2 serving a certificate of the CA: Renew CA (confirmed in the dialog), what still needs the new bundle,
 * the two-CA bundle exported (its ca.crt holds the new CA and the archived old one), the move of the registry to
 * the new CA (a client with only the old CA is refused afterwards, one with the bundle is not), in English and the
 * card in Chinese; axe-core finds no serious or critical violation.
 */
const ready = await preconditions()
const CONTAINER = `rw-caren-e2e-${randomBytes(3).toString('hex')}`
const CA_NAME = 'Registry Wizard test CA e2e'

let wizard: Wizard
let page: Page
let root: string
let port: number
let caDir: string
let certDir: string

async function expectNoSeriousAxe(where: string): Promise<void> {
  const violations = await seriousAxeViolations(page)
  expect(violations, `${where}: axe-core\n${describeViolations(violations)}`).toEqual([])
}

async function archivedCaFile(): Promise<string> {
  const name = (await fs.readdir(caDir)).find((n) => n.startsWith('ca.crt.bak-'))
  if (name === undefined) throw new Error('no archived CA in the CA folder')
  return join(caDir, name)
}

const overlap = (): ReturnType<Page['locator']> => page.locator('[data-panel="ca-overlap"]')

describe.runIf(ready)('CA renewal from Home in Chromium with the real IPC and registry:2', () => {
  beforeAll(async () => {
    root = await fs.mkdtemp(join('/tmp', 'rw-caren-e2e-'))
    ;({ caDir, certDir } = await makeCerts(root, ['127.0.0.1'], 'e2e'))
    port = await freePort()
    await startRegistry(connectEngine({}), { name: CONTAINER, port, certs: await readCertDir(certDir) })
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

  it('Renew CA, what needs the bundle, the two-CA bundle, the move to the new CA', async () => {
    const oldPem = await fs.readFile(join(caDir, 'ca.crt'), 'utf8')
    await page.getByRole('button', { name: `Renew CA ${CA_NAME}` }).click()
    const dialog = page.getByRole('alertdialog', { name: `Renew the CA ${CA_NAME}?` })
    await dialog.getByRole('button', { name: 'Renew the CA' }).click()
    await overlap().getByText(`CA ${CA_NAME} renewed`).waitFor({ timeout: 60_000 })
    const needs = overlap().getByTestId('needs-bundle')
    await needs
      .getByText(`The registry 127.0.0.1:${port}: it still serves a certificate from the old CA`)
      .waitFor()
    await page.getByTestId('served-by-old').waitFor()
    await expectNoSeriousAxe('Home after the CA renewal (en)')

    const outDir = join(root, 'bundle-out')
    await overlap().getByLabel('Bundle folder').fill(outDir)
    await overlap().getByRole('button', { name: 'Export the two-CA bundle' }).click()
    const exported = overlap().getByTestId('two-ca-exported')
    await exported.waitFor({ timeout: 60_000 })
    const bundleDir = /written to (.+?): the new CA/.exec((await exported.textContent()) ?? '')?.[1] ?? ''
    const bundled = pemCertificates(await fs.readFile(join(bundleDir, 'ca.crt'), 'utf8'), 'lenient')
    const newPem = await fs.readFile(join(caDir, 'ca.crt'), 'utf8')
    expect(bundled.map((c) => c.fingerprint256)).toEqual([
      new X509Certificate(newPem).fingerprint256,
      new X509Certificate(oldPem).fingerprint256,
    ])

    await overlap().getByRole('button', { name: 'Move the registry to the new CA' }).click()
    const moved = overlap().getByTestId('moved')
    await moved.waitFor({ timeout: 120_000 })
    expect(await moved.textContent()).toContain(
      'A client with only the old CA: refused. A client with both CAs: accepted.',
    )
    const url = `https://127.0.0.1:${port}/v2/`
    expect(await curlStatus(url, join(bundleDir, 'ca.crt'))).toBe('200')
    expect(await curlStatus(url, await archivedCaFile()).catch(() => 'refused')).not.toBe('200')
    await page.getByRole('button', { name: `Renew the certificate of ${CONTAINER}` }).waitFor()
    await expectNoSeriousAxe('Home after the move (en)')
  }, 240_000)

  it('zh-CN: the renewal card in Chinese, axe-clean', async () => {
    await page.locator('#language').selectOption('zh-CN')
    await overlap().getByRole('heading', { level: 2, name: 'CA 续期之后' }).waitFor()
    await overlap().getByText('镜像仓库现在提供由新 CA 签发的证书', { exact: false }).waitFor()
    await overlap().getByRole('button', { name: '导出包含两个 CA 的信任包' }).waitFor()
    await expectNoSeriousAxe('Home after the move (zh-CN)')
  }, 60_000)
})
