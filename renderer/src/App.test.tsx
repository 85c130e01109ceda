import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from './App'
import { resetAll } from './test-support/fake-api'

describe('App', () => {
  beforeEach(async () => {
    await resetAll()
  })

  it('opens every step that needs a certificate on "issue it first", and never calls their channels', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof resetAll>>
    const user = userEvent.setup()
    render(<App />)
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' })
    for (const step of ['Registry', 'Client trust', 'Verify']) {
      await user.click(within(nav).getByRole('button', { name: new RegExp(`^${step}$`) }))
      expect(
        screen.getAllByText('Issue the server certificate first: this step uses it.').length,
      ).toBeGreaterThan(0)
    }
    expect(api.runVerify).not.toHaveBeenCalled()
    expect(api.startRegistry).not.toHaveBeenCalled()
  })

  it('moves focus to the new screen’s heading and marks the current step', async () => {
    const user = userEvent.setup()
    render(<App />)
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' })
    await user.click(within(nav).getByRole('button', { name: /Plan/ }))
    expect(document.activeElement?.textContent).toBe('Plan')
    expect(within(nav).getByRole('button', { name: /Plan/ }).getAttribute('aria-current')).toBe('step')
  })

  it('renders in Chinese', async () => {
    await resetAll('zh-CN')
    render(<App />)
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('首页')
  })
})
