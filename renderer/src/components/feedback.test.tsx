import { act, render, screen } from '@testing-library/react'
import i18next from 'i18next'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ErrorInfo } from '../../../main/ipc/contract'
import { resetAll } from '../test-support/fake-api'
import { useJobsStore } from '../stores/jobs-store'
import { CheckRows } from './CheckRows'
import { ErrorNotice } from './ErrorNotice'
import { LayerBars } from './LayerBars'

const unknownAuthority: ErrorInfo = {
  code: 'ENGINE_ERROR',
  params: { detail: 'x509: certificate signed by unknown authority' },
  message: 'x509: certificate signed by unknown authority',
  explain: { code: 'UNKNOWN_AUTHORITY', step: 'trust', params: { registry: '192.168.20.10:5000' } },
}

describe('error, check and layer feedback', () => {
  beforeEach(async () => {
    await resetAll()
  })

  it('shows a known failure’s explanation and fix in the UI language, with the core’s message under it', async () => {
    render(<ErrorNotice error={unknownAuthority} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain(
      'The client does not trust the CA that signed the registry certificate',
    )
    expect(alert.textContent).toContain('/etc/docker/certs.d/192.168.20.10:5000/ca.crt')
    expect(alert.textContent).toContain('x509: certificate signed by unknown authority')
    await act(() => i18next.changeLanguage('zh-CN'))
    expect(alert.textContent).toContain('客户端不信任签发仓库证书的 CA')
    expect(alert.textContent).toContain('在该客户端上重新执行“信任”步骤')
  })

  it('shows an unknown failure’s message as it is', () => {
    render(
      <ErrorNotice
        error={{ code: 'SOMETHING_ODD', message: 'something odd happened', hint: 'look at the log' }}
      />,
    )
    expect(screen.getByRole('alert').textContent).toBe(
      'Something went wrongsomething odd happenedlook at the log',
    )
  })

  it('shows check reasons and fixes in Chinese when the UI is in zh-CN', async () => {
    const rows = [
      {
        id: 'tcp',
        status: 'fail' as const,
        title: { key: 'verify.title.tcp' },
        reason: { key: 'verify.tcp.failed', params: { target: '10.0.0.5:5000', error: 'ECONNREFUSED' } },
        fix: { key: 'verify.fix.tcp' },
      },
    ]
    const { rerender } = render(<CheckRows rows={rows} label="Preflight" />)
    expect(screen.getByRole('list').textContent).toContain('cannot connect to 10.0.0.5:5000 (ECONNREFUSED)')
    await act(() => i18next.changeLanguage('zh-CN'))
    rerender(<CheckRows rows={rows} label="Preflight" />)
    const text = screen.getByRole('list').textContent
    for (const s of ['TCP 连接', '无法连接 10.0.0.5:5000（ECONNREFUSED）', '检查地址、防火墙'])
      expect(text).toContain(s)
    expect(text).not.toContain('cannot connect')
  })

  it('draws one progress bar per pulled layer from the job’s layer events', () => {
    render(<LayerBars jobId="registry-1" />)
    act(() => {
      useJobsStore
        .getState()
        .onLayer('registry-1', { id: 'a3ed95caeb02', status: 'Downloading', current: 50, total: 200 })
      useJobsStore.getState().onLayer('registry-1', { id: '6a5c2ed5ee3a', status: 'Waiting' })
      useJobsStore
        .getState()
        .onLayer('registry-1', { id: 'a3ed95caeb02', status: 'Downloading', current: 150, total: 200 })
      useJobsStore.getState().onLayer('other-job', { id: 'ffff', status: 'Downloading' })
    })
    const bars = screen.getAllByRole('progressbar')
    expect(bars).toHaveLength(2)
    expect(screen.getByLabelText('Layer a3ed95caeb02').getAttribute('value')).toBe('150')
    expect(screen.getByLabelText('Layer a3ed95caeb02').getAttribute('max')).toBe('200')
    expect(screen.getByLabelText('Layer 6a5c2ed5ee3a').hasAttribute('value')).toBe(false)
  })
})
