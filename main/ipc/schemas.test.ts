import { describe, expect, it } from 'vitest'
import { createTranslator } from '../messages/index'
import { schemas } from './schemas'

const plan = { addresses: ['10.0.0.1'], port: 5000, docker: { kind: 'local' } }
/** One request per custom rule of the schemas (and of main/plan/schema.ts), and the field it names. */
const CASES: [keyof typeof schemas, unknown, string, string][] = [
  ['cancelJob', { jobId: 'a b' }, 'jobId', 'input.allowed.jobId'],
  ['savePlan', { ...plan, port: 70000 }, 'port', 'input.allowed.port'],
  ['savePlan', { ...plan, port: 1.5 }, 'port', 'input.allowed.port'],
  ['savePlan', { ...plan, port: '5000' }, 'port', 'input.allowed.port'],
  ['savePlan', { ...plan, docker: { kind: 'podman' } }, 'docker.kind', 'input.allowed.dockerKind'],
  ['savePlan', { ...plan, docker: { kind: 'ssh', url: 'http://h' } }, 'docker.url', 'input.allowed.sshUrl'],
  [
    'registryStatus',
    { plan: { ...plan, docker: { kind: 'tcp', url: 'h:2376' } } },
    'plan.docker.url',
    'input.allowed.tcpUrl',
  ],
  ['planTrust', { caCertPath: '/ca.crt', host: 'h', port: 0 }, 'port', 'input.allowed.port'],
  [
    'startRegistry',
    { jobId: 'j', plan, certDir: '/c', users: [{ user: 'a b', password: 'p' }] },
    'users.0.user',
    'input.allowed.user',
  ],
  [
    'copyBundleToDrive',
    { jobId: 'j', bundleId: '/etc', driveId: 'drive-0000000000000000' },
    'bundleId',
    'input.allowed.bundleId',
  ],
  [
    'copyBundleToDrive',
    { jobId: 'j', bundleId: 'bundle-0000000000000000', driveId: 'sda' },
    'driveId',
    'input.allowed.driveId',
  ],
  [
    'runVerify',
    { jobId: 'j', caCertPath: '/ca.crt', host: 'h', port: 5000, push: true },
    'docker',
    'input.allowed.pushNeedsDocker',
  ],
]

describe('the IPC schemas', () => {
  it.each(CASES)(
    '%s: a refused %s names its field and a catalogue text for what is allowed',
    (channel, request, field, key) => {
      const r = schemas[channel].safeParse(request)
      expect(r.success).toBe(false)
      const issue = r.error?.issues[0]
      expect(issue?.path.join('.')).toBe(field)
      expect(issue?.message).toBe(key)
      for (const lang of ['en', 'zh-CN'] as const) expect(createTranslator(lang).has(key)).toBe(true)
      expect(createTranslator('zh-CN').text(key)).toMatch(/[\u4e00-\u9fff]/)
    },
  )

  it('takes the plan the Plan step sends, addresses trimmed', () => {
    expect(schemas.savePlan.parse({ ...plan, addresses: [' registry.lan '] }).addresses).toEqual([
      'registry.lan',
    ])
  })
})
