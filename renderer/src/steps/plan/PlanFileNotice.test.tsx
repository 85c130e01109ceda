import { render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { ok, resetAll } from '../../test-support/fake-api'
import { usePlanStore } from '../../stores/plan-store'
import { PlanFileNotice } from './PlanFileNotice'
import { initialPlanFileState, usePlanFileStore } from './plan-file-store'

// File > Open Plan / Save Plan in the window: the menu's actions call the store (renderer/src/events.ts); the page's
// one seam, window.registryWizard, is faked (the handlers themselves run for real in tests/plan/plan-handlers.test.ts).

const opened = {
  id: 'plan-00112233aabbccdd',
  path: '/srv/plans/site-b.yaml',
  plan: { addresses: ['192.168.20.10', 'hub.example.lan'], port: 5443, docker: { kind: 'local' as const } },
  sections: ['ca', 'certificate', 'bundle'],
}

async function setUp(language: 'en' | 'zh-CN') {
  const api = await resetAll(language)
  usePlanFileStore.setState({ ...initialPlanFileState })
  api.checkSans.mockResolvedValue(ok({ sans: [], findings: [] }))
  api.savePlan.mockImplementation((plan) =>
    Promise.resolve(ok({ plan: plan as never, knownCas: [], knownCerts: [] })),
  )
  api.openPlanFile.mockResolvedValue(ok({ file: opened }))
  api.savePlanFile.mockResolvedValue(ok({ file: { id: opened.id, path: opened.path } }))
  return api
}

describe('Open Plan / Save Plan', () => {
  beforeEach(async () => {
    await setUp('en')
  })

  it('opens a plan into the Plan step, saves it as the step does, and says what the file also holds', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof setUp>>
    render(<PlanFileNotice />)
    await usePlanFileStore.getState().open()
    const s = usePlanStore.getState()
    expect([s.addresses, s.port, s.dockerKind, s.saved]).toEqual([
      opened.plan.addresses,
      '5443',
      'local',
      true,
    ])
    expect(api.savePlan).toHaveBeenCalledWith(opened.plan)
    expect(await screen.findByText('Plan opened from /srv/plans/site-b.yaml.')).toBeTruthy()
    expect(screen.getByText(/also holds ca, certificate, bundle/)).toBeTruthy()
  })

  it('Save Plan after an edit writes the edited plan to the file opened (by its id)', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof setUp>>
    await usePlanFileStore.getState().open()
    usePlanStore.getState().setPort('5000')
    render(<PlanFileNotice />)
    await usePlanFileStore.getState().save()
    expect(api.savePlanFile).toHaveBeenCalledWith({ id: opened.id, plan: { ...opened.plan, port: 5000 } })
    expect(await screen.findByText('Plan saved to /srv/plans/site-b.yaml.')).toBeTruthy()
  })

  it('Save Plan with no file opened asks main for a new one (no id)', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof setUp>>
    usePlanStore.getState().addAddress('10.0.0.7')
    await usePlanFileStore.getState().save()
    expect(api.savePlanFile).toHaveBeenCalledWith({
      plan: { addresses: ['10.0.0.7'], port: 5000, docker: { kind: 'local' } },
    })
    expect(usePlanFileStore.getState().fileId).toBe(opened.id)
  })

  it('a refused plan shows the key and line with the GUI hint, and leaves the Plan step as it was', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof setUp>>
    api.openPlanFile.mockResolvedValue({
      ok: false,
      error: {
        code: 'PLAN_INVALID',
        kind: 'input',
        field: 'plan',
        params: { file: 'site-b.yaml', line: 3, key: 'registry.port', problem: 'x', more: '' },
        message: 'site-b.yaml:3: registry.port: x',
      },
    } as never)
    render(<PlanFileNotice />)
    await usePlanFileStore.getState().open()
    expect(await screen.findByText('The plan file could not be opened')).toBeTruthy()
    expect(screen.getByText('site-b.yaml:3: registry.port: x')).toBeTruthy()
    expect(screen.getByText(/File > Open Plan/)).toBeTruthy()
    expect(usePlanStore.getState().addresses).toEqual([])
  })

  it('speaks Chinese', async () => {
    await setUp('zh-CN')
    render(<PlanFileNotice />)
    await usePlanFileStore.getState().open()
    await waitFor(() => expect(screen.getByText('已从 /srv/plans/site-b.yaml 打开计划。')).toBeTruthy())
    expect(screen.getByRole('button', { name: '关闭' })).toBeTruthy()
  })
})
