import { execFileSync, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { describeViolations, seriousAxeViolations } from './axe'
import { cjkGlyphReport } from './cjk-glyphs'
import { ROOT, startWizard, type Wizard } from './harness'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

/**
 * The wizard end to end in Debian's Chromium: the built renderer, the BUILT preload and the real IPC handlers
 * and certificate core behind them (through the electron stand-in, tests/e2e/harness.ts). Walks the steps that exist,
 * checks the files on disk with openssl, checks no key or passphrase ever reached the page, runs axe-core on every
 * screen (a serious or critical violation fails), and saves a screenshot of every screen in English and Chinese
 * under tests/.tmp/screenshots/ (ignored by git), or under RW_SCREENSHOTS_DIR: `npm run screenshots` points it at
 * docs/screenshots/ to refresh the README's pictures on purpose. A zh-CN shot whose text would be drawn as tofu
 * boxes (no CJK font on the machine) fails the test.
 */
const SHOTS = resolve(ROOT, process.env['RW_SCREENSHOTS_DIR'] ?? 'tests/.tmp/screenshots')
const PASSPHRASE = 'correct horse battery 42'
/** An htpasswd user given in the Registry step: the Verify step logs in with it without the page sending it again. */
const REGISTRY_USER = 'e2e-ci'
const REGISTRY_PASSWORD = 'registry pw for e2e 7'
const ADDRESSES = ['192.168.20.10', 'registry.example.lan']
const CONTAINER = 'rw-wizard-e2e-registry'

const freePort = (): Promise<number> =>
  new Promise((res, rej) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address()
      srv.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))))
    })
  })
const removeRegistry = (): void => {
  spawnSync('docker', ['rm', '-f', CONTAINER], { stdio: 'ignore' })
  spawnSync('docker', ['volume', 'rm', '-f', `${CONTAINER}-data`, `${CONTAINER}-certs`], { stdio: 'ignore' })
}

let wizard: Wizard
let work: string
let page: Page
let seen: unknown[]
let logLines: string[]

const shot = async (lang: string, name: string): Promise<void> => {
  mkdirSync(join(SHOTS, lang), { recursive: true })
  // The sidebar is sticky: scroll to the top so a full-page shot shows it where a person first sees it.
  await page.evaluate('window.scrollTo(0, 0)')
  if (lang === 'zh-CN') {
    const glyphs = await cjkGlyphReport(page, await page.locator('main').first().innerText())
    expect(
      glyphs.ok,
      `zh-CN ${name}: CJK text would show as empty boxes (install fonts-noto-cjk): ${JSON.stringify(glyphs)}`,
    ).toBe(true)
  }
  await page.screenshot({ path: join(SHOTS, lang, `${name}.png`), fullPage: true })
  const violations = await seriousAxeViolations(page)
  expect(violations, `${lang} ${name}: axe-core\n${describeViolations(violations)}`).toEqual([])
}
const nav = (name: RegExp) => page.getByRole('navigation').getByRole('button', { name })

describe('wizard in Chromium with the real preload and handlers', () => {
  beforeAll(async () => {
    removeRegistry()
    wizard = await startWizard(CONTAINER)
    ;({ work, page, seen, logLines } = wizard)
  })

  afterAll(async () => {
    removeRegistry()
    await (wizard as Wizard | undefined)?.close()
  })

  it('walks Home -> Plan -> Certificates on the real certificate core, in English', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Home' }).isVisible()).resolves.toBe(true)
    await shot('en', '1-home')

    await page.getByRole('button', { name: 'Start setup' }).click()
    await page.getByRole('heading', { level: 1, name: 'Plan' }).waitFor()
    // An invalid address is refused by the core, with the error next to the field.
    await page.getByLabel('IP address or DNS name').fill('999.1.1.1')
    await page.getByRole('button', { name: 'Save and continue' }).click()
    await page.locator('#plan-address-error').waitFor()
    expect(await page.locator('#plan-address').getAttribute('aria-invalid')).toBe('true')
    await page.getByRole('button', { name: 'Remove 999.1.1.1' }).click()
    // This machine's own address is offered (loopback is not); the DNS name is typed.
    expect(await page.getByRole('button', { name: '+ 127.0.0.1' }).count()).toBe(0)
    await page.getByRole('button', { name: '+ 192.168.20.10' }).click()
    await page.getByLabel('IP address or DNS name').fill('registry.example.lan')
    await page.getByLabel('IP address or DNS name').press('Enter')
    await page.getByLabel('Port').fill('5000')
    await page.getByRole('button', { name: 'Test connection' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^Docker \d/ })
      .waitFor({ timeout: 20_000 })
    await shot('en', '2-plan')
    await page.getByRole('button', { name: 'Save and continue' }).click()

    await page.getByRole('heading', { level: 1, name: 'Certificates' }).waitFor()
    await page.getByText('No problems found').waitFor()
    await page.getByLabel('CA name').fill('Example Corp Registry CA')
    await page.getByLabel('Organization (optional)').fill('Example Corp')
    await page.getByLabel('Key type', { exact: true }).selectOption('rsa-2048')
    await page.getByLabel('Passphrase (optional)').fill(PASSPHRASE)
    await page.getByLabel('Repeat the passphrase').fill('not the same')
    await page.getByRole('button', { name: 'Create CA' }).click()
    await page.locator('#ca-confirm-error').waitFor()
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Create CA' }).click()
    await page.getByTestId('ca-card').waitFor({ timeout: 60_000 })

    // Issuing without the CA passphrase is stopped at the passphrase field; a wrong one is refused by the core.
    await page.getByRole('button', { name: 'Issue server certificate' }).click()
    await page.locator('#server-passphrase-error').waitFor()
    await page.getByLabel('CA passphrase').fill('wrong passphrase')
    await page.getByRole('button', { name: 'Issue server certificate' }).click()
    await page
      .locator('#server-passphrase-error')
      .getByText(/passphrase/i)
      .waitFor()
    await page.getByLabel('CA passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Issue server certificate' }).click()
    await page.getByTestId('server-card').waitFor({ timeout: 60_000 })
    const card = await page.getByTestId('server-card').innerText()
    for (const a of ADDRESSES) expect(card).toContain(a)
    await shot('en', '3-certificates')

    // The same realistic plan (192.168.20.10 + registry.example.lan) in Chinese; the later steps run on loopback.
    await page.getByLabel('Language').selectOption('zh-CN')
    await nav(/规划/).click()
    await page.getByRole('heading', { level: 1, name: '规划' }).waitFor()
    await shot('zh-CN', '2-plan')
    await nav(/证书/).click()
    await page.getByTestId('server-card').waitFor()
    await shot('zh-CN', '3-certificates')
    await page.getByLabel('语言').selectOption('en')
    await nav(/Certificates/).click()
    await page.getByRole('heading', { level: 1, name: 'Certificates' }).waitFor()
  })

  it('wrote a CA and a server certificate that openssl verifies, key 0600', () => {
    const caDir = join(work, 'Registry Wizard/ca')
    const outDir = join(work, 'Registry Wizard/certs/192.168.20.10_5000')
    expect(statSync(join(caDir, 'ca.key')).mode & 0o777).toBe(0o600)
    expect(statSync(join(outDir, 'domain.key')).mode & 0o777).toBe(0o600)
    const verify = execFileSync(
      'openssl',
      ['verify', '-CAfile', join(caDir, 'ca.crt'), join(outDir, 'domain.crt')],
      { encoding: 'utf8' },
    )
    expect(verify.trim()).toMatch(/: OK$/)
    const text = execFileSync(
      'openssl',
      ['x509', '-in', join(outDir, 'domain.crt'), '-noout', '-ext', 'subjectAltName'],
      { encoding: 'utf8' },
    )
    expect(text).toContain('IP Address:192.168.20.10')
    expect(text).toContain('DNS:registry.example.lan')
    expect(readFileSync(join(caDir, 'ca.key'), 'utf8')).toContain('ENCRYPTED PRIVATE KEY')
  })

  it('starts the registry on the real dockerd, makes trust and a bundle, and verifies with no red row', async () => {
    // Re-plan for this machine: loopback is the only address a registry started here can be reached on.
    const port = await freePort()
    await nav(/Plan/).click()
    for (const a of ADDRESSES) await page.getByRole('button', { name: `Remove ${a}` }).click()
    await page.getByLabel('IP address or DNS name').fill('127.0.0.1')
    await page.getByLabel('IP address or DNS name').press('Enter')
    await page.getByLabel('Port').fill(String(port))
    await page.getByRole('button', { name: 'Save and continue' }).click()
    await page.getByRole('heading', { level: 1, name: 'Certificates' }).waitFor()
    await page
      .getByText(/loopback address/)
      .first()
      .waitFor()
    await page.getByLabel('CA passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Issue server certificate' }).click()
    await page.getByTestId('server-card').getByText('127.0.0.1').first().waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Next', exact: true }).click()

    await page.getByRole('heading', { level: 1, name: 'Registry' }).waitFor()
    await page.getByRole('button', { name: 'Run preflight checks' }).click()
    await page.locator('.check-row').first().waitFor()
    expect(await page.locator('.check-row[data-status="fail"]').count()).toBe(0)
    await page
      .getByText(/is free/)
      .first()
      .waitFor()
    // htpasswd auth on, with one user: the Verify step below must log in for the API, catalog and round trip.
    await page.getByLabel('User (optional)').fill(REGISTRY_USER)
    await page.getByLabel('Password', { exact: true }).fill(REGISTRY_PASSWORD)
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.getByRole('list', { name: 'Registry users' }).getByText(REGISTRY_USER).waitFor()
    await page.getByRole('button', { name: 'Start the registry' }).click()
    await page.getByText(/Registry running/).waitFor({ timeout: 150_000 })
    // The preflight said "port free, name free" before the start: those rows are gone, not left stale.
    expect(await page.getByRole('list', { name: 'Preflight' }).count()).toBe(0)
    expect(await page.getByText(/is free/).count()).toBe(0)
    const inspect = execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', CONTAINER], {
      encoding: 'utf8',
    })
    expect(inspect.trim()).toBe('true')

    // Live status from the engine, and the log followed as a job until cancelled.
    const status = page.getByLabel('Container status')
    await status.getByText('running').waitFor({ timeout: 20_000 })
    expect(await status.innerText()).toContain(String(port))
    await page.getByRole('button', { name: 'Follow logs' }).click()
    await page
      .getByLabel('Registry log')
      .getByText(/listening on/)
      .waitFor({ timeout: 20_000 })
    await page.getByRole('button', { name: 'Stop following logs' }).click()
    await page.getByRole('button', { name: 'Follow logs' }).waitFor()

    // A new server certificate from the same CA goes into the running registry: restart, healthy, new fingerprint served.
    const before = execFileSync(
      'openssl',
      [
        'x509',
        '-noout',
        '-fingerprint',
        '-sha256',
        '-in',
        join(work, `Registry Wizard/certs/127.0.0.1_${port}/domain.crt`),
      ],
      { encoding: 'utf8' },
    )
    const manage = page.getByRole('region', { name: 'Running registry' })
    await manage.getByLabel('CA passphrase').fill(PASSPHRASE)
    await manage.getByRole('button', { name: 'Replace the certificate' }).click()
    await page.getByText(/New certificate served/).waitFor({ timeout: 120_000 })
    const after = execFileSync(
      'openssl',
      [
        'x509',
        '-noout',
        '-fingerprint',
        '-sha256',
        '-in',
        join(work, `Registry Wizard/certs/127.0.0.1_${port}/domain.crt`),
      ],
      { encoding: 'utf8' },
    )
    expect(after).not.toBe(before)
    const served = execFileSync(
      'sh',
      [
        '-c',
        `echo | openssl s_client -connect 127.0.0.1:${port} 2>/dev/null | openssl x509 -noout -fingerprint -sha256`,
      ],
      { encoding: 'utf8' },
    )
    expect(served).toBe(after)
    await manage.getByRole('button', { name: 'Restart' }).click()
    await page.getByText(/restarted and healthy/).waitFor({ timeout: 120_000 })
    await status.getByText('running').waitFor({ timeout: 20_000 })
    await shot('en', '4-registry')

    await nav(/Client trust/).click()
    await page.getByRole('button', { name: 'Show the changes' }).click()
    await page.locator('.changes li').first().waitFor()
    await page.getByRole('button', { name: /^Apply/ }).click()
    await page
      .getByText(/administrator to finish|now trusts your CA/)
      .first()
      .waitFor({ timeout: 60_000 })
    expect(existsSync(join(work, `trust-root/etc/docker/certs.d/127.0.0.1:${port}/ca.crt`))).toBe(true)
    await page.getByLabel('Export to folder or USB drive').fill(join(work, 'bundle'))
    await page.getByRole('button', { name: 'Export trust bundle' }).click()
    await page.getByText(/Bundle written to/).waitFor({ timeout: 60_000 })
    await shot('en', '5-trust')

    await nav(/Verify/).click()
    // The real push/pull round trip is on by default, through the plan's engine, logging in as the user given above.
    const roundTrip = page.getByRole('checkbox', { name: 'Include a real push and pull through Docker' })
    expect(await roundTrip.isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Run verification' }).click()
    await page
      .getByText(/Every check passed|No check failed, but some gave warnings|Some checks failed/)
      .waitFor({ timeout: 200_000 })
    const rows = await page.locator('.check-row').all()
    const statuses = Object.fromEntries(
      await Promise.all(
        rows.map(async (r) => [
          (await r.getAttribute('data-id')) ?? '',
          `${(await r.getAttribute('data-status')) ?? ''}: ${await r.innerText()}`,
        ]),
      ),
    ) as Record<string, string>
    expect(Object.keys(statuses)).toHaveLength(10)
    // On this loopback registry the round trip really ran (pushed, pulled, digest compared) and says, as a warning,
    // that dockerd skips certificate checks on loopback, so it does not prove client trust. That is the truth.
    expect(statuses['round-trip']).toMatch(/^warn: /)
    expect(statuses['round-trip']).toMatch(/push, pull and digest sha256:[0-9a-f]{64} matched/)
    expect(statuses['round-trip']).toContain(
      '127.0.0.1 is loopback: dockerd treats it as an insecure registry, so this run does not prove client trust',
    )
    expect(statuses['round-trip']).not.toContain('not requested')
    // Auth is on: the API check logged in with the user from the Registry step (main kept it; the page did not resend it).
    expect(statuses['api']).toMatch(/^pass: /)
    expect(statuses['catalog']).toMatch(/^pass: /)
    // Every other row is green; name resolution has nothing to do for an IP address.
    expect(statuses['dns']).toMatch(/^skipped: [\s\S]*is an IP address/)
    const others = Object.entries(statuses).filter(([id]) => id !== 'round-trip' && id !== 'dns')
    expect(others.filter(([, s]) => !s.startsWith('pass: '))).toEqual([])
    // The summary does not call a run with a warning "every check passed".
    expect(await page.getByText(/No check failed, but some gave warnings/).count()).toBe(1)
    expect(await page.getByText(/Every check passed/).count()).toBe(0)
    expect(JSON.stringify(seen)).not.toContain(REGISTRY_PASSWORD)
    expect(
      execFileSync('docker', ['images', '-q', `127.0.0.1:${port}/registry-wizard/selftest`], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('')
    await shot('en', '6-verify')
  }, 400_000)

  it('switches to Chinese and shows every screen in zh-CN', async () => {
    await page.getByLabel('Language').selectOption('zh-CN')
    await page.getByRole('navigation').getByRole('button', { name: '首页' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    const screens: [RegExp, string, string][] = [
      [/^首页$/, '1-home', '首页'],
      [/^镜像仓库$/, '4-registry', '镜像仓库'],
      [/客户端信任/, '5-trust', '客户端信任'],
      [/验证/, '6-verify', '验证'],
    ]
    for (const [name, file, title] of screens) {
      await nav(name).click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      if (file === '4-registry')
        await page.getByLabel('容器状态').getByText('运行中').waitFor({ timeout: 20_000 })
      await shot('zh-CN', file)
    }
    // The choice is persisted (non-secret settings) and the home screen lists the CA and certificate made above.
    const settings = JSON.parse(readFileSync(join(work, 'data/settings.json'), 'utf8')) as {
      language: string
      knownCas: unknown[]
      knownCerts: unknown[]
    }
    expect(settings.language).toBe('zh-CN')
    expect(settings.knownCas).toHaveLength(1)
    expect(settings.knownCerts).toHaveLength(2)
  })

  it('removes the registry container and keeps its data, from the Registry step', async () => {
    await page.getByLabel('语言').selectOption('en')
    await nav(/^Registry$/).click()
    const manage = page.getByRole('region', { name: 'Running registry' })
    await manage.getByLabel('Container status').getByText('running').waitFor({ timeout: 20_000 })
    const volumes = execFileSync(
      'docker',
      [
        'inspect',
        '-f',
        '{{range .Mounts}}{{if eq .Destination "/var/lib/registry"}}{{.Name}}{{end}}{{end}}',
        CONTAINER,
      ],
      { encoding: 'utf8' },
    ).trim()
    expect(volumes).not.toBe('')
    await manage.getByRole('button', { name: 'Remove the container' }).click()
    // Remove asks first: a modal that axe-core must find clean too; Escape backs out with nothing removed.
    const dialog = page.getByRole('alertdialog')
    await dialog.getByText(/the stored images stay/).waitFor()
    const violations = await seriousAxeViolations(page)
    expect(violations, `remove dialog: axe-core\n${describeViolations(violations)}`).toEqual([])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(spawnSync('docker', ['inspect', CONTAINER]).status).toBe(0)
    await manage.getByRole('button', { name: 'Remove the container' }).click()
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click()
    await page.getByText(/Container removed; the stored images were kept/).waitFor({ timeout: 60_000 })
    expect(spawnSync('docker', ['inspect', CONTAINER]).status).not.toBe(0)
    expect(
      execFileSync('docker', ['volume', 'inspect', '-f', '{{.Name}}', volumes], { encoding: 'utf8' }).trim(),
    ).toBe(volumes)
    await manage.getByText('No registry container on this engine yet.').waitFor({ timeout: 20_000 })
    expect(await page.getByText(/Registry running \(container/).count()).toBe(0)
    spawnSync('docker', ['volume', 'rm', '-f', volumes], { stdio: 'ignore' })

    // A returning user (the app opened again): Home's quick action picks up the saved plan's certificate.
    await page.reload()
    await page.locator('main[data-ready="yes"]').waitFor()
    await page.getByRole('button', { name: /Verify a registry/ }).click()
    await page.getByRole('button', { name: 'Run verification' }).waitFor({ timeout: 20_000 })
    await nav(/^Home$/).click()
    await page.getByRole('button', { name: /Export the trust bundle again/ }).click()
    await page.getByRole('button', { name: 'Export trust bundle' }).waitFor({ timeout: 20_000 })
  }, 120_000)

  it('never sent a private key or the passphrase to the page, nor wrote the passphrase anywhere', () => {
    const everything = JSON.stringify(seen)
    expect(seen.length).toBeGreaterThan(5)
    expect(everything).not.toMatch(/PRIVATE KEY/)
    expect(everything).not.toContain(PASSPHRASE)
    expect(readFileSync(join(work, 'data/settings.json'), 'utf8')).not.toContain(PASSPHRASE)
    expect(logLines.join('\n')).not.toContain(PASSPHRASE)
    expect(readFileSync(join(work, 'data/settings.json'), 'utf8')).not.toContain(REGISTRY_PASSWORD)
    expect(logLines.join('\n')).not.toContain(REGISTRY_PASSWORD)
  })
})
