import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { MirrorStatusInfo, Plan } from '../../../../main/ipc/contract'
import { ok, resetAll } from '../../test-support/fake-api'
import { MirrorPanel } from './MirrorPanel'

const plan: Plan = { addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } }
const certDir = '/home/u/certs/192.168.20.10_5000'
const running: MirrorStatusInfo = {
  name: 'registry-mirror',
  state: 'running',
  running: true,
  image: 'registry:2',
  port: 5001,
  upstream: 'https://registry-1.docker.io',
  upstreamCa: false,
}
const notFound = { ok: false as const, error: { code: 'REGISTRY_NOT_FOUND', message: 'no container' } }

describe('MirrorPanel', () => {
  it('starts the mirror with the upstream, its CA and password FILES (main reads them), in zh-CN', async () => {
    const api = await resetAll('zh-CN')
    api.mirrorStatus.mockResolvedValueOnce(notFound).mockResolvedValue(ok(running))
    api.startMirror.mockResolvedValue(
      ok({
        containerId: 'abc',
        url: 'https://192.168.20.10:5001',
        upstream: 'https://hub.internal:5000',
        notices: [
          {
            key: 'mirror.login.unchecked',
            params: { error: { key: 'mirror.login.timeout', params: { seconds: 15 } } },
          },
        ],
      }),
    )
    const user = userEvent.setup()
    render(<MirrorPanel plan={plan} certDir={certDir} />)
    expect(await screen.findByRole('heading', { name: 'Docker Hub 镜像加速器' })).toBeTruthy()
    await user.type(screen.getByLabelText('上游'), 'https://hub.internal:5000')
    await user.type(screen.getByLabelText('上游 CA 文件（内部上游）'), '/pki/hub-ca.crt')
    await user.type(screen.getByLabelText('上游用户'), 'robot')
    await user.type(screen.getByLabelText('上游密码文件'), '/secrets/hub-password')
    await user.click(screen.getByRole('button', { name: '启动镜像加速器' }))
    await waitFor(() => expect(api.startMirror).toHaveBeenCalled())
    const req = api.startMirror.mock.calls[0]?.[0]
    expect(req).toMatchObject({
      plan,
      certDir,
      upstream: 'https://hub.internal:5000',
      upstreamCaPath: '/pki/hub-ca.crt',
      upstreamUser: 'robot',
      upstreamPasswordPath: '/secrets/hub-password',
      port: 5001,
    })
    expect(Object.keys(req ?? {})).not.toContain('upstreamPassword')
    expect(
      await screen.findByText(
        '镜像加速器已在 https://192.168.20.10:5001 运行，代理 https://hub.internal:5000。',
      ),
    ).toBeTruthy()
    expect(await screen.findByText('拉取缓存镜像加速器：不接受推送')).toBeTruthy()
    // The start's notices are shown too (here: the upstream login could not be checked from this machine).
    expect(
      await screen.findByText('未能从本机检查上游登录信息（上游在 15 秒内没有应答）', { exact: false }),
    ).toBeTruthy()
  })

  it('shows the running mirror and removes it only after the confirmation', async () => {
    const api = await resetAll('en')
    api.mirrorStatus.mockResolvedValue(ok(running))
    api.mirrorRemove.mockResolvedValue(ok({ removedVolumes: ['registry-mirror-config'] }))
    const user = userEvent.setup()
    render(<MirrorPanel plan={plan} certDir={certDir} />)
    expect(await screen.findByText('https://registry-1.docker.io')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Remove' }))
    expect(api.mirrorRemove).not.toHaveBeenCalled()
    const dialog = await screen.findByRole('alertdialog')
    expect(dialog.textContent).toContain('Remove the mirror registry-mirror')
    const buttons = dialog.querySelectorAll('button')
    await user.click(buttons[buttons.length - 1] as HTMLButtonElement)
    await waitFor(() => expect(api.mirrorRemove).toHaveBeenCalledWith({ plan, deleteData: false }))
  })
})
