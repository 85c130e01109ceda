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
  message: 'x509: certificate signed by unknown authority',
  explained: {
    en: {
      title: 'The client does not trust your CA',
      explanation: 'Docker on this machine does not know the CA.',
      fix: 'Install ca.crt in Client trust.',
    },
    zhCN: {
      title: '客户端不信任你的 CA',
      explanation: '本机 Docker 不认识该 CA。',
      fix: '请在“客户端信任”步骤安装 ca.crt。',
    },
  },
}

describe('error, check and layer feedback', () => {
  beforeEach(async () => {
    await resetAll()
  })

  it('shows a known failure’s explanation and fix in the UI language, with the core’s message under it', async () => {
    render(<ErrorNotice error={unknownAuthority} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('The client does not trust your CA')
    expect(alert.textContent).toContain('Install ca.crt in Client trust.')
    expect(alert.textContent).toContain('x509: certificate signed by unknown authority')
    await act(() => i18next.changeLanguage('zh-CN'))
    expect(alert.textContent).toContain('客户端不信任你的 CA')
    expect(alert.textContent).toContain('请在“客户端信任”步骤安装 ca.crt。')
  })

  it('shows an unknown failure’s message as it is', () => {
    render(
      <ErrorNotice
        error={{ code: 'ENGINE_ERROR', message: 'something odd happened', hint: 'look at the log' }}
      />,
    )
    expect(screen.getByRole('alert').textContent).toBe(
      'Something went wrongsomething odd happenedlook at the log',
    )
  })

  it('shows check reasons and fixes in Chinese when the UI is in zh-CN', async () => {
    const rows = [
      {
        id: 'port',
        status: 'fail' as const,
        title: 'Port 5000',
        titleZh: '端口 5000',
        reason: 'already published by container "web"',
        reasonZh: '已被容器“web”占用',
        fix: 'Choose another port',
        fixZh: '请换一个端口',
      },
    ]
    const { rerender } = render(<CheckRows rows={rows} label="Preflight" />)
    expect(screen.getByRole('list').textContent).toContain('already published by container "web"')
    await act(() => i18next.changeLanguage('zh-CN'))
    rerender(<CheckRows rows={rows} label="Preflight" />)
    const text = screen.getByRole('list').textContent
    for (const s of ['端口 5000', '已被容器“web”占用', '请换一个端口']) expect(text).toContain(s)
    expect(text).not.toContain('already published')
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
