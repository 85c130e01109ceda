import { randomBytes, X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { connect } from 'node:tls'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createCaDir, issueToDir } from '../../main/pki'
import { writeReturningSettings } from '../support/returning-settings'
import { curlStatus, ensureRegistryImage, freePort, run } from '../support/rw-reg-fixtures'
import { describeViolations, seriousAxeViolations } from './axe'
import { startWizard, type Wizard } from './harness'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

/**
 * The Registry step's "Docker Swarm service" in Chromium with the real preload and IPC handlers (tests/e2e/harness.ts)
 * on a one-node Swarm of the test dockerd: `swarm init` here (only when the engine is in no swarm; `swarm leave
 * --force` after, docker_gwbridge removed when this suite made it). Through the page: start the service (host mode:
 * no IPVS routing mesh here), see its task running, restart (stop-first on one node with a fixed host port, and the
 * notice saying why), replace-cert issuing a fresh pair from the CA with its passphrase (the served fingerprint
 * changes and chains to the CA; the folder then holds the new pair, the old one as .bak), replace-cert again from the
 * pair in the certificate folder (the first one put back: its fingerprint is served again), remove with its data: no service, secret, config, network or volume of it left. zh-CN: the card.
 */
const NAME = `rw-h1gui-${randomBytes(3).toString('hex')}`
const VOLUME = `${NAME}-data`
const PASSPHRASE = 'h1gui correct horse'
let wizard: Wizard | undefined
let logLines: string[] = []
let page: Page
let root: string
let port: number
let caDir: string
let certDir: string
let inited = false
let gwbridgeExisted = true

const swarmState = async (): Promise<string> =>
  (await run('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout.trim()
const lines = async (args: string[]): Promise<string[]> =>
  (await run('docker', args)).stdout.split('\n').filter((l) => l.trim() !== '')
/** The swarm's objects of this suite (by name prefix): services, secrets, configs, networks, volumes. */
const leftovers = async (): Promise<string[]> => {
  const names = await Promise.all(
    ['service', 'secret', 'config', 'network', 'volume'].map((kind) =>
      lines([kind, 'ls', '--format', '{{.Name}}']).then((l) => l.map((n) => `${kind} ${n}`)),
    ),
  )
  return names.flat().filter((n) => n.split(' ')[1]?.startsWith(NAME))
}

/** The certificate the service serves, verified against the CA (as a client that trusts only it). */
function servedFingerprint(caPem: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, ca: caPem, rejectUnauthorized: true }, () => {
      resolve(s.getPeerCertificate().fingerprint256)
      s.end()
    })
    s.on('error', reject)
  })
}

async function expectNoSeriousAxe(where: string): Promise<void> {
  const violations = await seriousAxeViolations(page)
  expect(violations, `${where}: axe-core\n${describeViolations(violations)}`).toEqual([])
}

const card = (): Locator => page.locator('section[aria-labelledby="swarm-service"]')

/** The card's result line, or the error notice an action shows instead (then its text is the failure). */
async function outcome(done: RegExp, timeout: number): Promise<void> {
  const line = card().getByText(done)
  const alert = card().getByRole('alert')
  await line.or(alert).first().waitFor({ timeout })
  if (await alert.count()) throw new Error(`the card shows an error: ${await alert.first().innerText()}`)
}

/** An encrypted CA (so the page must ask for its passphrase) and a pair for 127.0.0.1 from it. */
async function makeEncryptedCerts(): Promise<void> {
  caDir = join(root, 'ca')
  certDir = join(root, 'ca-server')
  const subject = { cn: 'Registry Wizard test CA h1gui' }
  await createCaDir(caDir, { subject, keySize: 2048, days: 30, passphrase: PASSPHRASE })
  await issueToDir({
    caDir,
    outDir: certDir,
    sans: ['127.0.0.1'],
    keySize: 2048,
    days: 20,
    passphrase: PASSPHRASE,
  })
}

beforeAll(async () => {
  const state = await swarmState()
  if (state !== 'inactive')
    throw new Error(`the engine is already in a swarm (${state}): run this suite alone`)
  await ensureRegistryImage()
  root = await fs.mkdtemp(join('/tmp', 'rw-h1gui-'))
  await makeEncryptedCerts()
  port = await freePort()
  gwbridgeExisted = await run('docker', ['network', 'inspect', 'docker_gwbridge']).then(
    () => true,
    () => false,
  )
  await run('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1'])
  inited = true
  wizard = await startWizard(NAME)
  page = wizard.page
  logLines = wizard.logLines
  await writeReturningSettings({ work: wizard.work, port, caDir, certDir })
  await page.reload()
  await page.locator('main[data-ready="yes"]').waitFor()
}, 300_000)

afterAll(async () => {
  await wizard?.close()
  await run('docker', ['service', 'rm', NAME, `${NAME}-redis`]).catch(() => undefined)
  if (inited) {
    await run('docker', ['swarm', 'leave', '--force']).catch(() => undefined)
    if (!gwbridgeExisted) await run('docker', ['network', 'rm', 'docker_gwbridge']).catch(() => undefined)
  }
  // A task's container may still hold the volume for a moment after its service is removed.
  for (let i = 0; i < 20; i++) {
    const gone = await run('docker', ['volume', 'rm', '-f', VOLUME]).then(
      () => true,
      () => false,
    )
    if (gone) break
    await new Promise((r) => setTimeout(r, 1000))
  }
  if (root) await fs.rm(root, { recursive: true, force: true })
}, 120_000)

describe('Docker Swarm service from the Registry step in Chromium, on a one-node swarm', () => {
  it('start, running task, restart (stop-first shown), replace-cert from the CA, remove: nothing left', async () => {
    const caPem = await fs.readFile(join(caDir, 'ca.crt'), 'utf8')
    await page.getByRole('button', { name: /Replace a certificate/ }).click()
    await page.getByRole('radio', { name: 'Docker Swarm service' }).click({ timeout: 20_000 })
    expect(await page.getByLabel("Data folder on the engine's host (optional)").count()).toBe(0)
    await page.getByLabel('Published port').selectOption('host')
    await page.getByLabel('Replicas').fill('1')
    await page.getByRole('button', { name: 'Start the service' }).click()
    await page
      .getByText(`Service ${NAME} runs 1 replicas at https://127.0.0.1:${port}`)
      .waitFor({ timeout: 150_000 })
    await card().getByText('1 of 1 tasks running').waitFor({ timeout: 30_000 })
    await card()
      .getByText(/Serves a certificate valid until/)
      .waitFor({ timeout: 30_000 })
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, join(caDir, 'ca.crt'))).toBe('200')
    const first = await servedFingerprint(caPem)
    expect(first).toBe(new X509Certificate(await fs.readFile(join(certDir, 'domain.crt'))).fingerprint256)
    await expectNoSeriousAxe('Swarm service running (en)')

    await card().getByRole('button', { name: 'Restart (rolling)' }).click()
    await card()
      .getByText(/Restarted: \/v2\/ answered 200 in \d+ ms/)
      .waitFor({ timeout: 150_000 })
    await card()
      .getByText(/^Rolled stop-first: each old task stopped/)
      .waitFor()
    await card()
      .getByText(`Updates are stop-first: host mode holds port ${port} on each node`, { exact: false })
      .waitFor()

    const fromCa = card().getByRole('radio', {
      name: /Issue a new pair now from the CA Registry Wizard test CA h1gui/,
    })
    expect(await fromCa.isChecked()).toBe(true)
    await card().getByLabel('CA passphrase').fill(PASSPHRASE)
    await card().getByRole('button', { name: 'Replace certificate' }).click()
    await outcome(/Now serves [0-9a-f]{16}… until/, 330_000)
    await card()
      .getByText(/^Rolled stop-first/)
      .waitFor()
    expect(await card().getByLabel('CA passphrase').inputValue()).toBe('')
    const second = await servedFingerprint(caPem)
    expect(second).not.toBe(first)
    const shown =
      (await card()
        .getByText(/Now serves/)
        .textContent()) ?? ''
    expect(shown).toContain(second.replace(/:/g, '').toLowerCase().slice(0, 16))
    expect(logLines.join('\n')).not.toContain(PASSPHRASE)

    // Served, the new pair is in the certificate folder too (as a container's replace does), the old one kept.
    const folderPrint = async (file: string): Promise<string> =>
      new X509Certificate(await fs.readFile(join(certDir, file))).fingerprint256
    expect(await folderPrint('domain.crt')).toBe(second)
    expect((await fs.stat(join(certDir, 'domain.key'))).mode & 0o777).toBe(0o600)
    const backups = (await fs.readdir(certDir)).filter((f) => f.startsWith('domain.')).sort()
    const crtBackup = backups.find((f) => f.startsWith('domain.crt.bak-')) as string
    const keyBackup = backups.find((f) => f.startsWith('domain.key.bak-')) as string
    expect(await folderPrint(crtBackup)).toBe(first)

    // The other source: the pair in the certificate folder, here the first one put back (same CA); no passphrase.
    await fs.copyFile(join(certDir, crtBackup), join(certDir, 'domain.crt'))
    await fs.copyFile(join(certDir, keyBackup), join(certDir, 'domain.key'))
    await card()
      .getByRole('radio', { name: /Use the pair in the certificate folder/ })
      .check()
    expect(await card().getByLabel('CA passphrase').count()).toBe(0)
    await card().getByRole('button', { name: 'Replace certificate' }).click()
    await outcome(/Now serves [0-9a-f]{16}… until/, 330_000)
    expect(await servedFingerprint(caPem)).toBe(first)

    await card().getByLabel('Also delete the data volume').check()
    await card().getByRole('button', { name: 'Remove the service' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Remove the registry service?' })
    await dialog.getByRole('button', { name: 'Remove the service' }).click()
    await card().getByText(`Removed ${NAME}`, { exact: false }).waitFor({ timeout: 60_000 })
    await card().getByText('No registry service on this engine yet.').waitFor({ timeout: 20_000 })
    expect(await leftovers()).toEqual([])
  }, 600_000)

  it('zh-CN: the service card in Chinese', async () => {
    await page.locator('#language').selectOption('zh-CN')
    await card().getByRole('heading', { name: 'Swarm 服务' }).waitFor()
    await card().getByText('此引擎上还没有镜像仓库服务。').waitFor()
    await card()
      .getByRole('radio', { name: /现在由 CA Registry Wizard test CA h1gui 为规划的地址签发新证书/ })
      .check()
    await card().getByLabel('CA 口令').waitFor()
    await expectNoSeriousAxe('Swarm service card (zh-CN)')
  }, 60_000)
})
