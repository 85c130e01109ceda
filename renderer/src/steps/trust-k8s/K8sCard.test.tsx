import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { loadTrustState, TRUST_CERT_DIR } from '../../test-support/trust-setup'
import { ok, resetAll } from '../../test-support/fake-api'
import { K8sCard } from './K8sCard'

const certDir = TRUST_CERT_DIR
const folder = { id: 'k8s-0123456789abcdef', name: 'clusters', path: '/home/u/clusters' }
const dir = '/home/u/clusters/kubernetes-192.168.20.10_5000'

async function setup(language: 'en' | 'zh-CN') {
  const api = await resetAll(language)
  loadTrustState()
  api.pickK8sFolder.mockResolvedValue(ok({ picked: folder }))
  api.writeK8sManifests.mockResolvedValue(
    ok({
      dir,
      files: ['00-namespace.yaml', '10-configmap.yaml', '20-daemonset.yaml'],
      namespace: 'registry-wizard',
    }),
  )
  render(<K8sCard mirror="192.168.20.10:5001" />)
  return { api, user: userEvent.setup() }
}

describe('Trust step: Kubernetes cluster', () => {
  it("names the folder by main's pick id, sends the login only when asked, shows kubectl next steps", async () => {
    const { api, user } = await setup('en')
    await user.click(screen.getByRole('button', { name: 'Write manifests for a Kubernetes cluster…' }))
    expect(screen.getByText(/\/etc\/containerd\/certs\.d\/192\.168\.20\.10:5000\//)).toBeTruthy()
    const write = screen.getByRole('button', { name: 'Write manifests' })
    expect((write as HTMLButtonElement).disabled).toBe(true)
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }))
    expect(await screen.findByText(folder.path)).toBeTruthy()
    await user.click(screen.getByLabelText('Also write a pull secret (the registry uses htpasswd)'))
    await user.type(screen.getByLabelText('User'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'pw-1')
    await user.click(write)
    expect(api.writeK8sManifests).toHaveBeenCalledWith({
      folderId: folder.id,
      caCertPath: `${certDir}/ca.crt`,
      host: '192.168.20.10',
      port: 5000,
      mirror: '192.168.20.10:5001',
      namespace: 'registry-wizard',
      image: 'docker.io/library/busybox:1.36.1',
      login: { user: 'alice', password: 'pw-1' },
    })
    expect(await screen.findByText(`kubectl apply -f ${dir}/`)).toBeTruthy()
    expect(screen.getByText(`✓ Wrote 3 files to ${dir}`)).toBeTruthy()
    expect(
      screen.getByText(/kubectl -n registry-wizard rollout status daemonset\/registry-trust/),
    ).toBeTruthy()
    expect(document.body.textContent).not.toContain('pw-1')
  }, 20_000)

  it('a folder holding an earlier run: the GUI hint names the checkbox, and force is sent once ticked', async () => {
    const { api, user } = await setup('en')
    api.writeK8sManifests.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'K8S_OUT_EXISTS',
        kind: 'input',
        field: 'folderId',
        message: 'exists',
        params: { path: `${dir}/00-namespace.yaml` },
      },
    } as never)
    await user.click(screen.getByRole('button', { name: 'Write manifests for a Kubernetes cluster…' }))
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }))
    await screen.findByText(folder.path)
    await user.click(screen.getByRole('button', { name: 'Write manifests' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(`${dir}/00-namespace.yaml already exists`)
    expect(alert.textContent).toContain('Replace the files of an earlier run')
    await user.click(screen.getByLabelText('Replace the files of an earlier run'))
    await user.click(screen.getByRole('button', { name: 'Write manifests' }))
    expect(api.writeK8sManifests).toHaveBeenLastCalledWith(
      expect.objectContaining({ force: true }) as unknown,
    )
    expect(api.writeK8sManifests.mock.calls[0]?.[0]).not.toHaveProperty('login')
  }, 20_000)

  it('in Chinese: the card and an error under the namespace field', async () => {
    const { api, user } = await setup('zh-CN')
    api.writeK8sManifests.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        kind: 'input',
        field: 'namespace',
        message: 'bad',
        params: { value: '"BAD"', allowed: { key: 'k8s.allowed.namespace' } },
      },
    } as never)
    expect(screen.getByText('Kubernetes 集群')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: '为 Kubernetes 集群写出清单…' }))
    await user.click(screen.getByRole('button', { name: '选择文件夹…' }))
    await screen.findByText(folder.path)
    await user.click(screen.getByRole('button', { name: '写出清单' }))
    const invalid = await screen.findByText(/小写字母、数字和“-”/)
    expect(invalid.textContent).toContain('命名空间')
    expect(invalid.textContent).not.toMatch(/lower-case|letters/)
  }, 20_000)
})
