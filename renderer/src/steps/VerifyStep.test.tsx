import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { explainParams } from '../../../main/diagnostics/explain'
import { explainMessage } from '../../../main/diagnostics/texts'
import { AppError } from '../../../main/errors'
import type { CheckRow } from '../../../main/ipc/contract'
import { toErrorInfo } from '../../../main/ipc/map-error'
import { en, message } from '../../../main/messages/index'
import { msg } from '../../../main/verify/message'
import { ok, resetAll } from '../test-support/fake-api'
import { useAppStore } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { initI18n } from '../i18n'
import { VerifyStep } from './VerifyStep'
import { issuedFor } from '../test-support/trust-setup'

type Fake = Awaited<ReturnType<typeof resetAll>>
const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const registry = '192.168.20.10:5000'
const rows: CheckRow[] = [
  {
    id: 'round-trip',
    status: 'pass',
    title: msg('title.round-trip'),
    reason: msg('rt.ok', {
      digest: 'sha256:ab',
      note: msg('rt.deleted', { tag: 'registry-wizard/selftest:verify' }),
    }),
  },
]

/** What a failing run sends: the messages main's checks give, the GUI's fix of a known failure. */
const explained = (code: string, step: string): CheckRow['fix'] =>
  explainMessage({ code, step, params: explainParams({ registry }) }, 'fix', 'gui')
const failing: CheckRow[] = [
  {
    id: 'server-cert',
    status: 'warn',
    title: msg('title.server-cert'),
    reason: msg('lint.LEAF_TOO_LONG', { days: 3000, max: 825 }),
    fix: explained('CERT_LINT', 'certificates'),
  },
  {
    id: 'tcp',
    status: 'fail',
    title: msg('title.tcp'),
    reason: msg('tcp.failed', { target: registry, error: `connect ECONNREFUSED ${registry}` }),
    fix: explained('CONNECTION_REFUSED', 'registry'),
  },
  {
    id: 'tls',
    status: 'skipped',
    title: msg('title.tls'),
    reason: msg('run.blocked', { n: 5, title: msg('title.tcp') }),
  },
  {
    id: 'trust',
    status: 'fail',
    title: msg('title.trust'),
    reason: msg('trust.missing', {
      path: `/etc/docker/certs.d/${registry}/ca.crt`,
      registry,
      os: msg('trust.os.missing', { where: 'Debian GNU/Linux' }),
    }),
    fix: explained('TRUST_MISSING', 'trust'),
  },
]

/** Every English text of the domain's namespaces, cut at its {{parameters}}: the pieces that are words. */
function englishSentences(): string[] {
  const out: string[] = []
  const walk = (v: unknown): void => {
    if (typeof v === 'string')
      out.push(...v.split(/\{\{\w+\}\}/).filter((p) => /[A-Za-z]{2,}[\s,;:]+[A-Za-z]{2,}/.test(p)))
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk)
  }
  for (const ns of [en.verify, en.explain, en.error, en.guiHint, en.request]) walk(ns)
  return out.map((s) => s.trim())
}

async function setUp(language: 'en' | 'zh-CN' = 'en'): Promise<Fake> {
  const api = await resetAll(language)
  usePlanStore.getState().load({
    addresses: ['192.168.20.10'],
    port: 5000,
    docker: { kind: 'ssh', url: 'ssh://root@192.168.20.10' },
  })
  const issued = issuedFor(certDir)
  useCertsStore.setState({ issued })
  api.runVerify.mockResolvedValue(ok({ checks: rows, ok: true }))
  return api
}

describe('VerifyStep', () => {
  beforeEach(async () => {
    await initI18n('en')
  })

  it('runs the real push/pull round trip by default, through the engine of the plan, with no credentials of its own', async () => {
    const api = await setUp()
    const user = userEvent.setup()
    render(<VerifyStep />)
    const box = screen.getByRole('checkbox', { name: 'Include a real push and pull through Docker' })
    expect(box).toHaveProperty('checked', true)
    expect(screen.getByText(/Docker engine of the plan \(ssh:\/\/root@192\.168\.20\.10\)/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Run verification' }))
    await screen.findByText(/Every check passed/)
    expect(
      screen.getByText(
        'pushed, pulled back, digest sha256:ab matches, deleted from the registry (registry-wizard/selftest:verify)',
      ),
    ).toBeTruthy()
    expect(api.runVerify).toHaveBeenCalledTimes(1)
    const req = api.runVerify.mock.calls[0]?.[0] as Record<string, unknown>
    expect(req).toMatchObject({
      host: '192.168.20.10',
      port: 5000,
      caCertPath: `${certDir}/ca.crt`,
      push: true,
      docker: { kind: 'ssh', url: 'ssh://root@192.168.20.10' },
    })
    expect(req).not.toHaveProperty('credentials')
  })

  it('leaves the round trip out when unticked, and sends a login typed again', async () => {
    const api = await setUp()
    const user = userEvent.setup()
    render(<VerifyStep />)
    await user.click(screen.getByRole('checkbox', { name: 'Include a real push and pull through Docker' }))
    await user.type(screen.getByLabelText('Registry user'), 'ci')
    await user.type(screen.getByLabelText('Password'), 's3cret pass')
    await user.click(screen.getByRole('button', { name: 'Run verification' }))
    await waitFor(() => expect(api.runVerify).toHaveBeenCalledTimes(1))
    const req = api.runVerify.mock.calls[0]?.[0] as Record<string, unknown>
    expect(req).not.toHaveProperty('push')
    expect(req).not.toHaveProperty('docker')
    expect(req['credentials']).toEqual({ user: 'ci', password: 's3cret pass' })
  })

  it('does not say every check passed when one warned', async () => {
    const api = await setUp()
    api.runVerify.mockResolvedValue(ok({ checks: [{ ...rows[0], status: 'warn' } as CheckRow], ok: true }))
    const user = userEvent.setup()
    render(<VerifyStep />)
    await user.click(screen.getByRole('button', { name: 'Run verification' }))
    await screen.findByText(/No check failed, but some gave warnings/)
    expect(screen.queryByText(/Every check passed/)).toBeNull()
  })

  it('after a passing run: Images and Registry contents are a Tab away; a failing run offers neither', async () => {
    const api = await setUp()
    const user = userEvent.setup()
    render(<VerifyStep />)
    await user.click(screen.getByRole('button', { name: 'Run verification' }))
    const next = await screen.findByRole('group', {
      name: 'Next: bring images in, or see what the registry holds.',
    })
    const images = within(next).getByRole('button', { name: 'Go to Images' })
    const contents = within(next).getByRole('button', { name: 'Go to Registry contents' })
    for (let i = 0; i < 20 && document.activeElement !== images; i++) await user.tab()
    expect(document.activeElement).toBe(images)
    await user.tab()
    expect(document.activeElement).toBe(contents)
    await user.keyboard('{Enter}')
    expect(useAppStore.getState().screen).toBe('contents')
    await user.click(images)
    expect(useAppStore.getState().screen).toBe('images')

    api.runVerify.mockResolvedValue(ok({ checks: failing, ok: false }))
    await user.click(screen.getByRole('button', { name: 'Run again' }))
    await screen.findByText('Some checks failed: follow the fixes, then run again.')
    expect(screen.queryByRole('button', { name: 'Go to Images' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Go to Registry contents' })).toBeNull()
  })

  it('zh-CN: the links after a passing run are in Chinese', async () => {
    await setUp('zh-CN')
    const user = userEvent.setup()
    render(<VerifyStep />)
    await user.click(screen.getByRole('button', { name: '运行验证' }))
    await user.click(await screen.findByRole('button', { name: '前往“镜像仓库内容”' }))
    expect(useAppStore.getState().screen).toBe('contents')
    await user.click(screen.getByRole('button', { name: '前往“镜像”' }))
    expect(useAppStore.getState().screen).toBe('images')
    expect(screen.getByRole('group', { name: '下一步：导入镜像，或查看镜像仓库的内容。' })).toBeTruthy()
  })

  it('labels the choice in Chinese', async () => {
    await setUp('zh-CN')
    render(<VerifyStep />)
    expect(screen.getByRole('checkbox', { name: '包含一次通过 Docker 的真实推送与拉取' })).toHaveProperty(
      'checked',
      true,
    )
  })

  it('in zh-CN a failing run shows titles, reasons and fixes in Chinese: no English sentence of the catalogue', async () => {
    const api = await setUp('zh-CN')
    api.runVerify.mockResolvedValue(ok({ checks: failing, ok: false }))
    const user = userEvent.setup()
    const { container } = render(<VerifyStep />)
    await user.click(screen.getByRole('button', { name: '运行验证' }))
    const list = await screen.findByRole('list')
    const text = list.textContent
    for (const s of [
      '服务器证书由该 CA 签发',
      '证书检查：有效期 3000 天，超过 825 天会被 Apple 平台拒绝',
      `无法连接 ${registry}（connect ECONNREFUSED ${registry}）`,
      '第 5 项“TCP 连接”未通过',
      `/etc/docker/certs.d/${registry}/ca.crt 不存在：本机 Docker 不信任 ${registry} 的 CA；系统证书库中没有（Debian GNU/Linux）`,
      '重新执行“仓库”步骤（或在该步骤中查看其状态），并确认它发布了端口 5000。',
      `在本机重新执行“信任”步骤：它会写入 /etc/docker/certs.d/${registry}/ca.crt。`,
    ])
      expect(text).toContain(s)
    const english = englishSentences()
    expect(english.length).toBeGreaterThan(200)
    expect(english.filter((s) => container.textContent.includes(s))).toEqual([])
  })

  it('in zh-CN an error notice (a known failure, a coded error) shows no English sentence of the catalogue', async () => {
    const api = await setUp('zh-CN')
    const refused = Object.assign(new Error(`connect ECONNREFUSED ${registry}`), { code: 'ECONNREFUSED' })
    api.runVerify.mockResolvedValueOnce({ ok: false, error: toErrorInfo(refused) })
    const user = userEvent.setup()
    const { container } = render(<VerifyStep />)
    await user.click(screen.getByRole('button', { name: '运行验证' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('仓库端口上没有程序在监听')
    expect(alert.textContent).toContain('主机有应答但拒绝了连接')
    expect(alert.textContent).toContain(`connect ECONNREFUSED ${registry}`)
    const english = englishSentences()
    expect(english.filter((s) => container.textContent.includes(s))).toEqual([])

    const unreadable = new AppError({
      code: 'INVALID_INPUT',
      kind: 'input',
      field: 'caCertPath',
      params: { value: `"${certDir}/ca.crt"`, allowed: message('trust.ca.mustBeReadable') },
    })
    api.runVerify.mockResolvedValueOnce({ ok: false, error: toErrorInfo(unreadable) })
    await user.click(screen.getByRole('button', { name: /运行验证|重新运行/ }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('CA 证书文件必须存在且可读'))
    expect(screen.getByRole('alert').textContent).toContain('没有做任何更改')
    expect(english.filter((s) => container.textContent.includes(s))).toEqual([])
  })
})
