import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { IssuedServerCert } from '../../../main/ipc/contract'
import { appInfo, ok, resetAll } from '../test-support/fake-api'
import { useAppStore } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { TrustStep } from './TrustStep'

const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'

describe('TrustStep: export, then write to a drive', () => {
  beforeEach(async () => {
    const api = await resetAll()
    useAppStore.setState({
      info: {
        ...appInfo,
        capabilities: { ...appInfo.capabilities, trust: false, bundle: true, drives: true },
      },
    })
    usePlanStore.getState().load({ addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } })
    useCertsStore.setState({
      issued: {
        outDir: certDir,
        certPath: `${certDir}/domain.crt`,
        keyPath: `${certDir}/domain.key`,
        caCertPath: `${certDir}/ca.crt`,
        certificate: { sans: [{ type: 'ip', value: '192.168.20.10' }] },
        lint: [],
      } as unknown as IssuedServerCert,
    })
    api.listDrives.mockResolvedValue(
      ok({
        drives: [
          {
            id: 'drive-00000000000000b1',
            device: '/dev/sdb1',
            description: 'KINGSTON',
            mountpoints: ['/media/u/KINGSTON'],
            sizeBytes: 16e9,
          },
        ],
      }),
    )
    api.exportBundle.mockResolvedValue(
      ok({
        bundleId: 'bundle-0123456789abcdef',
        outDir: '/home/u/bundles/registry-trust-192.168.20.10_5000',
        files: ['ca.crt'],
        fingerprintSha256: 'AB:CD',
      }),
    )
    api.copyBundleToDrive.mockResolvedValue(
      ok({
        dest: '/media/u/KINGSTON/registry-trust-192.168.20.10_5000',
        files: ['ca.crt'],
        bytes: 1,
        verified: true,
        mismatched: [],
        readBack: 'direct-io',
        cacheFree: true,
      }),
    )
  })

  it('writes the bundle main exported by its id to the drive main listed by its id (no path crosses)', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof resetAll>>
    const user = userEvent.setup()
    render(<TrustStep />)
    await user.type(screen.getByLabelText('Export to folder or USB drive'), '/home/u/bundles')
    await user.click(screen.getByRole('button', { name: 'Export trust bundle' }))
    await user.click(await screen.findByRole('button', { name: 'Write to KINGSTON (/media/u/KINGSTON)' }))
    await screen.findByRole('status')
    expect(api.copyBundleToDrive).toHaveBeenCalledWith({
      jobId: expect.stringMatching(/^drive-/) as unknown,
      bundleId: 'bundle-0123456789abcdef',
      driveId: 'drive-00000000000000b1',
    })
  })
})
