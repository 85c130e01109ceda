import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CaSummary, CertificateSummary, ErrorInfo } from '../../../main/ipc/contract'
import { ok, resetAll } from '../test-support/fake-api'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { CertificatesStep } from './CertificatesStep'

const cert = (over: Partial<CertificateSummary>): CertificateSummary => ({
  subject: 'CN=Test CA',
  issuer: 'CN=Test CA',
  commonName: 'Test CA',
  serial: '01',
  sans: [],
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2036-01-01T00:00:00.000Z',
  daysLeft: 3600,
  expired: false,
  fingerprintSha256: 'AB:CD',
  isCa: true,
  keyType: 'rsa',
  keyBits: 4096,
  signatureAlgorithm: 'sha256WithRSAEncryption',
  ...over,
})
const caSummary: CaSummary = { dir: '/home/u/Registry Wizard/ca', encrypted: true, certificate: cert({}) }

describe('CertificatesStep', () => {
  let api: Awaited<ReturnType<typeof resetAll>>
  beforeEach(async () => {
    api = await resetAll()
    usePlanStore.setState({ addresses: ['10.1.2.3'], port: '5000' })
    api.checkSans.mockResolvedValue(
      ok({
        sans: [{ type: 'ip', value: '10.1.2.3' }],
        findings: [
          {
            code: 'LOOPBACK_ADDRESS',
            severity: 'warning',
            params: { address: '127.0.0.1' },
            message: '127.0.0.1 is a loopback address (the English the core logs)',
          },
        ],
      }),
    )
  })

  it('stops a passphrase mismatch at the confirm field without calling main', async () => {
    const user = userEvent.setup()
    render(<CertificatesStep />)
    await user.type(screen.getByLabelText('Passphrase (optional)'), 'one passphrase')
    await user.type(screen.getByLabelText('Repeat the passphrase'), 'another')
    await user.click(screen.getByRole('button', { name: 'Create CA' }))
    expect(await screen.findByText('The two passphrases differ.')).toBeTruthy()
    expect(api.createCa).not.toHaveBeenCalled()
  })

  it('creates the CA with a job id, shows its card, and keeps no passphrase in any store', async () => {
    api.createCa.mockResolvedValue(ok(caSummary))
    const user = userEvent.setup()
    render(<CertificatesStep />)
    // A lint finding is shown from the catalogue (lint.CODE with its params), in the UI's language.
    expect(await screen.findByText(/^127\.0\.0\.1 is a loopback address: Docker treats/)).toBeTruthy()
    await user.type(screen.getByLabelText('Passphrase (optional)'), 'Harbor-Lights-77')
    await user.type(screen.getByLabelText('Repeat the passphrase'), 'Harbor-Lights-77')
    await user.click(screen.getByRole('button', { name: 'Create CA' }))
    await screen.findByTestId('ca-card')
    const req = api.createCa.mock.calls[0]?.[0] as {
      jobId: string
      dir: string
      passphrase: string
      keyType: string
    }
    // ECDSA P-256 by default: nothing to pre-generate (the hint names the type only).
    expect(req).toMatchObject({
      dir: '/home/u/Registry Wizard/ca',
      passphrase: 'Harbor-Lights-77',
      keyType: 'ecdsa-p256',
    })
    expect(req).not.toHaveProperty('keySize')
    expect(api.pregenKey.mock.calls.map((c) => c[0])).toEqual([
      { keyType: 'ecdsa-p256' },
      { keyType: 'ecdsa-p256' },
    ])
    expect(req.jobId).toMatch(/^create-ca-/)
    expect(JSON.stringify(useCertsStore.getState())).not.toContain('Harbor-Lights-77')
  })

  for (const language of ['en', 'zh-CN'] as const) {
    it(`hints main to pre-generate the RSA key as soon as RSA 4096 is picked, and creates with it (${language})`, async () => {
      api = await resetAll(language)
      usePlanStore.setState({ addresses: ['10.1.2.3'], port: '5000' })
      api.checkSans.mockResolvedValue(ok({ sans: [{ type: 'ip', value: '10.1.2.3' }], findings: [] }))
      api.pregenKey.mockResolvedValue(ok({ pending: true }))
      api.createCa.mockResolvedValue(ok(caSummary))
      const user = userEvent.setup()
      render(<CertificatesStep />)
      const L =
        language === 'en'
          ? { type: 'Key type', create: 'Create CA' }
          : { type: '密钥类型', create: '创建 CA' }
      const select = screen.getByLabelText(L.type)
      expect((select as HTMLSelectElement).value).toBe('ecdsa-p256')
      await user.selectOptions(select, 'rsa-4096')
      await waitFor(() => expect(api.pregenKey).toHaveBeenLastCalledWith({ keyType: 'rsa-4096' }))
      // The hint carries the type only: no key, no other field, and nothing comes back into a store.
      for (const [req] of api.pregenKey.mock.calls) expect(Object.keys(req as object)).toEqual(['keyType'])
      expect(
        screen.getByText(
          language === 'en'
            ? 'The RSA key is generated in the background while you fill in the rest of the form.'
            : '在你填写表单其余部分时，RSA 密钥会在后台生成。',
        ),
      ).toBeTruthy()
      await user.click(screen.getByRole('button', { name: L.create }))
      await screen.findByTestId('ca-card')
      expect(api.createCa.mock.calls[0]?.[0]).toMatchObject({ keyType: 'rsa-4096' })
    })
  }

  it('asks for the CA passphrase next to its field, then issues and shows the server card', async () => {
    useCertsStore.setState({ ca: caSummary })
    api.issueServerCert.mockResolvedValue(
      ok({
        outDir: '/o',
        certPath: '/o/domain.crt',
        keyPath: '/o/domain.key',
        caCertPath: '/o/ca.crt',
        certificate: cert({
          isCa: false,
          subject: 'CN=10.1.2.3',
          sans: [{ type: 'ip', value: '10.1.2.3' }],
          daysLeft: 824,
        }),
        lint: [],
      }),
    )
    const user = userEvent.setup()
    render(<CertificatesStep />)
    await user.click(screen.getByRole('button', { name: 'Issue server certificate' }))
    expect((await screen.findByLabelText('CA passphrase')).getAttribute('aria-invalid')).toBe('true')
    expect(api.issueServerCert).not.toHaveBeenCalled()
    await user.type(screen.getByLabelText('CA passphrase'), 'Harbor-Lights-77')
    await user.click(screen.getByRole('button', { name: 'Issue server certificate' }))
    await screen.findByTestId('server-card')
    expect(api.issueServerCert.mock.calls[0]?.[0]).toMatchObject({
      caDir: caSummary.dir,
      outDir: '/home/u/Registry Wizard/certs/10.1.2.3_5000',
      sans: ['10.1.2.3'],
      passphrase: 'Harbor-Lights-77',
      keyType: 'ecdsa-p256',
    })
    await waitFor(() => expect(screen.getByText('824 days left')).toBeTruthy())
  })
})

// An intermediate CA from a company PKI, as main describes it after `importCa` with a chain file.
const root = cert({
  subject: 'O=Example Ltd, CN=Example Root CA',
  commonName: 'Example Root CA',
  issuer: 'O=Example Ltd, CN=Example Root CA',
  fingerprintSha256: 'RO:OT',
})
const upper = cert({
  subject: 'O=Example Ltd, CN=Example Issuing CA 1',
  commonName: 'Example Issuing CA 1',
  issuer: root.subject,
  fingerprintSha256: 'IN:T1',
})
const issuing = cert({
  subject: 'O=Example Ltd, CN=Example Issuing CA 2',
  commonName: 'Example Issuing CA 2',
  issuer: upper.subject,
  fingerprintSha256: 'IN:T2',
})
const intermediateCa = (intermediates: CertificateSummary[]): CaSummary => ({
  dir: '/home/u/Registry Wizard/ca',
  encrypted: false,
  certificate: intermediates.length ? issuing : { ...issuing, issuer: root.subject },
  chain: { intermediate: true, length: 2 + intermediates.length, intermediates, root },
})
// What main answers for an intermediate imported without its chain (pki/ca-chain.ts): a code, its params, and the
// request field at fault; the GUI renders the catalogue's words and its own hint (guiHint), never the CLI's.
const chainMissing: ErrorInfo = {
  code: 'CA_CHAIN_MISSING',
  field: 'chainPath',
  params: { subject: 'O=Example Ltd, CN=Example Issuing CA 1', issuer: 'O=Example Ltd, CN=Example Root CA' },
  message:
    'chainPath: the CA certificate "O=Example Ltd, CN=Example Issuing CA 1" is an intermediate CA (issued by "O=Example Ltd, CN=Example Root CA"), and the certificates up to its root were not given: certificates issued from it would not verify on any client',
  hint: 'Give the chain with --chain FILE (the intermediates above this CA, if any, then the root), or put them in the --cert file after the CA certificate. Nothing was changed.',
}

describe('CertificatesStep: enterprise intermediate CAs', () => {
  let api: Awaited<ReturnType<typeof resetAll>>
  const LABELS = {
    en: {
      tab: 'Import a CA',
      cert: 'CA certificate file',
      chain: 'Chain file (intermediates, then the root)',
      key: 'CA key file',
      import: 'Import CA',
      fix: /pick its chain in "Chain file \(intermediates, then the root\)"/,
      hint: /Optional: only for an intermediate CA/,
      title: "The CA's chain is missing",
    },
    'zh-CN': {
      tab: '导入 CA',
      cert: 'CA 证书文件',
      chain: '证书链文件（中间 CA，最后是根 CA）',
      key: 'CA 私钥文件',
      import: '导入 CA',
      fix: /请在“证书链文件（中间 CA，最后是根 CA）”中选择它的证书链/,
      hint: /可选：仅当导入的是公司 PKI 的中间 CA 时需要/,
      title: '缺少 CA 的证书链',
    },
  } as const

  async function openImport(language: 'en' | 'zh-CN'): Promise<ReturnType<typeof userEvent.setup>> {
    api = await resetAll(language)
    usePlanStore.setState({ addresses: ['192.168.20.10'], port: '5000' })
    api.checkSans.mockResolvedValue(ok({ sans: [{ type: 'ip', value: '192.168.20.10' }], findings: [] }))
    const user = userEvent.setup()
    render(<CertificatesStep />)
    await user.click(screen.getByRole('tab', { name: LABELS[language].tab }))
    return user
  }

  for (const language of ['en', 'zh-CN'] as const) {
    it(`offers the optional chain file picker with its help (${language}) and sends the picked path to main`, async () => {
      const L = LABELS[language]
      const user = await openImport(language)
      const chain = screen.getByLabelText(L.chain)
      expect(chain.getAttribute('aria-describedby')).toBe('import-chain-hint')
      expect(screen.getByText(L.hint).id).toBe('import-chain-hint')
      api.chooseFile.mockResolvedValue(ok({ path: '/pki/company-chain.pem' }))
      // Browse opens main's own file dialog, like the certificate and key pickers.
      const browse = within(chain.closest('.field') as HTMLElement).getByRole('button')
      await user.click(browse)
      expect(api.chooseFile).toHaveBeenCalledWith({ title: L.chain, extensions: ['crt', 'pem', 'cer'] })
      await waitFor(() => expect((chain as HTMLInputElement).value).toBe('/pki/company-chain.pem'))
      await user.type(screen.getByLabelText(L.cert), '/pki/issuing.crt')
      await user.type(screen.getByLabelText(L.key), '/pki/issuing.key')
      api.importCa.mockResolvedValue(ok(intermediateCa([])))
      await user.click(screen.getByRole('button', { name: L.import }))
      await screen.findByTestId('root-card')
      expect(api.importCa).toHaveBeenCalledWith({
        dir: '/home/u/Registry Wizard/ca',
        certPath: '/pki/issuing.crt',
        chainPath: '/pki/company-chain.pem',
        keyPath: '/pki/issuing.key',
      })
    })

    it(`shows CA_CHAIN_MISSING at the chain file control with the GUI's fix, never the CLI's --chain (${language})`, async () => {
      const L = LABELS[language]
      const user = await openImport(language)
      await user.type(screen.getByLabelText(L.cert), '/pki/issuing.crt')
      await user.type(screen.getByLabelText(L.key), '/pki/issuing.key')
      api.importCa.mockResolvedValue({ ok: false, error: chainMissing })
      await user.click(screen.getByRole('button', { name: L.import }))
      const error = await screen.findByRole('alert')
      expect(error.id).toBe('import-chain-error')
      expect(screen.getByLabelText(L.chain).getAttribute('aria-invalid')).toBe('true')
      expect(screen.getByLabelText(L.cert).getAttribute('aria-invalid')).toBeNull()
      expect(error.textContent).toMatch(L.fix)
      expect(error.textContent).toContain('Example Issuing CA 1')
      expect(error.textContent.startsWith(L.chain)).toBe(true)
      expect(screen.getByRole('tabpanel').textContent).not.toMatch(/--chain|--cert/)
      // The request without a chain file carries no chainPath at all.
      expect(api.importCa.mock.calls[0]?.[0]).not.toHaveProperty('chainPath')
    })
  }

  it('draws root -> intermediates -> issuing CA -> server, and names ca.crt as the root for clients', async () => {
    api = await resetAll()
    usePlanStore.setState({ addresses: ['192.168.20.10'], port: '5000' })
    api.checkSans.mockResolvedValue(ok({ sans: [{ type: 'ip', value: '192.168.20.10' }], findings: [] }))
    useCertsStore.setState({ ca: intermediateCa([upper]) })
    api.issueServerCert.mockResolvedValue(
      ok({
        outDir: '/o',
        certPath: '/o/domain.crt',
        keyPath: '/o/domain.key',
        caCertPath: '/o/ca.crt',
        certificate: cert({
          isCa: false,
          subject: 'CN=192.168.20.10',
          issuer: issuing.subject,
          sans: [{ type: 'ip', value: '192.168.20.10' }],
        }),
        lint: [],
        chainLength: 3,
        root,
      }),
    )
    const user = userEvent.setup()
    render(<CertificatesStep />)
    expect(screen.getByTestId('ca-card').textContent).toContain('Issuing CA (intermediate)')
    expect(screen.getByTestId('root-card').textContent).toContain('RO:OT')
    expect(screen.getByTestId('ca-chain-note').textContent).toContain('3 certificates')
    const nodes = (): string[] =>
      [...screen.getByRole('figure', { name: 'Certificate chain' }).querySelectorAll('.chain-node')].map(
        (n) => n.querySelector('.mono')?.textContent ?? n.querySelector('strong')?.textContent ?? '',
      )
    expect(nodes()).toEqual([
      'Example Root CA',
      'Example Issuing CA 1',
      'Example Issuing CA 2',
      'not issued yet',
      'Docker clients',
    ])
    await user.click(screen.getByRole('button', { name: 'Issue server certificate' }))
    await screen.findByTestId('server-card')
    expect(nodes()).toEqual([
      'Example Root CA',
      'Example Issuing CA 1',
      'Example Issuing CA 2',
      '192.168.20.10',
      'Docker clients',
    ])
    expect(screen.getByTestId('chain-clients').textContent).toContain('the root only')
    expect(screen.getByTestId('issued-ca-file').textContent).toContain('root CA for clients')
  })

  it('keeps the plain CA -> server picture for a root CA', async () => {
    api = await resetAll()
    usePlanStore.setState({ addresses: ['192.168.20.10'], port: '5000' })
    useCertsStore.setState({
      ca: {
        ...caSummary,
        chain: { intermediate: false, length: 1, intermediates: [], root: caSummary.certificate },
      },
    })
    render(<CertificatesStep />)
    expect(screen.queryByTestId('root-card')).toBeNull()
    expect(screen.getByTestId('chain-ca').textContent).toContain('Your CA')
    expect(screen.queryByTestId('chain-root')).toBeNull()
  })

  it('opening a CA folder imported without its chain points at importing it again with the chain file', async () => {
    const user = await openImport('en')
    await user.click(screen.getByRole('tab', { name: 'Use an existing CA folder' }))
    api.openCa.mockResolvedValue({
      ok: false,
      error: {
        code: 'CA_DIR_CHAIN_MISSING',
        field: 'dir',
        params: { caDir: '/old/ca', subject: 'CN=Example Issuing CA 1' },
        message:
          'dir: /old/ca: its ca.crt is an intermediate CA ("CN=Example Issuing CA 1") and the folder holds no chain.crt up to the root',
        hint: 'Import the CA again with its chain: registry-wizard ca import --dir /old/ca --cert CA.crt --key CA.key --chain CHAIN.pem --force',
      },
    })
    await user.click(screen.getByRole('button', { name: 'Open CA' }))
    const error = await screen.findByRole('alert')
    expect(error.id).toBe('open-dir-error')
    // The field is named by its control's label, never by the request field (dir) or a CLI flag (--dir).
    expect(error.textContent).toMatch(/^CA folder: \/old\/ca: its ca\.crt is an intermediate CA/)
    expect(error.textContent).toContain('Import the CA again under "Import a CA" with its chain file')
    expect(error.textContent).not.toContain('registry-wizard')
  })
})

describe('CertificatesStep: lint findings in zh-CN', () => {
  it('shows a finding of the core in Chinese, not the English it carries', async () => {
    const api = await resetAll('zh-CN')
    usePlanStore.setState({ addresses: ['127.0.0.1'], port: '5000' })
    api.checkSans.mockResolvedValue(
      ok({
        sans: [{ type: 'ip', value: '127.0.0.1' }],
        findings: [
          {
            code: 'LOOPBACK_ADDRESS',
            severity: 'warning',
            params: { address: '127.0.0.1' },
            message: '127.0.0.1 is a loopback address: Docker treats 127.0.0.0/8 as insecure',
          },
        ],
      }),
    )
    render(<CertificatesStep />)
    const list = await screen.findByTestId('lint-findings')
    expect(list.textContent).toContain('127.0.0.1 是回环地址')
    expect(list.textContent).not.toMatch(/loopback|insecure/)
  })
})
