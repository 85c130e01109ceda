import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { shellQuote } from '../shell/quote'
import { createElevatedRunner, toShellLine } from './elevated-runner'

describe('elevated runner plumbing', () => {
  it('quotes arguments so a shell gives them back unchanged', () => {
    const args = ['plain', 'with space', "it's", '$(rm -rf /)', '`x`', 'a;b', '"q"']
    const line = ['printf', '%s\\n', ...args].map(shellQuote).join(' ')
    const out = execFileSync('sh', ['-c', line], { encoding: 'utf8' })
    expect(out.split('\n').slice(0, -1)).toEqual(args)
  })

  it('joins the commands of one change with && under a single prompt', async () => {
    const calls: { cmd: string; name: string | undefined }[] = []
    const runner = createElevatedRunner('Registry Wizard', (cmd, options, cb) => {
      const opts = options as { name?: string }
      calls.push({ cmd, name: opts.name })
      const out = execFileSync('sh', ['-c', cmd], { encoding: 'utf8' })
      ;(cb as (e?: Error, o?: string, s?: string) => void)(undefined, out, '')
    })
    const res = await runner([
      { program: 'echo', args: ['one two'] },
      { program: 'echo', args: ['/etc/docker/certs.d/host:5000/ca.crt'] },
    ])
    expect(calls).toHaveLength(1)
    expect(calls[0]?.name).toBe('Registry Wizard')
    expect(res.stdout).toBe('one two\n/etc/docker/certs.d/host:5000/ca.crt\n')
    expect(toShellLine([{ program: 'a', args: ['b c'] }], 'win32')).toBe('a "b c"')
  })

  it('rejects with the output when the elevated command fails or the prompt is dismissed', async () => {
    const runner = createElevatedRunner('x', (_cmd, _o, cb) => {
      ;(cb as (e?: Error, o?: string, s?: string) => void)(
        new Error('User did not grant permission.'),
        '',
        'denied',
      )
    })
    await expect(runner([{ program: 'true', args: [] }])).rejects.toMatchObject({
      message: 'User did not grant permission.',
      stderr: 'denied',
    })
  })
})
