import { describe, expect, it } from 'vitest'
import { createTranslator, en, zhCN, type Message } from '../messages/index'
import { msg } from './message'

const EN = createTranslator('en')
const ZH = createTranslator('zh-CN')
const both = (m: Message): { en: string; zhCN: string } => ({ en: EN.render(m), zhCN: ZH.render(m) })

/** Dotted key -> text of a nested catalogue object. */
function flat(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v as object, `${prefix}${k}.`),
  )
}

/** Latin words a Chinese text may contain: protocol, product and field names, as Chinese ops people write them. */
const TECHNICAL = new Set(
  'CA CA:TRUE PEM SAN IP DNS TCP TLS HTTP API GET Go Docker dockerd docker certs.d basicConstraints Apple RSA curl ms insecure registry push pull Docker-Distribution-Api-Version ca.crt domain.crt'.split(
    ' ',
  ),
)

describe('verify texts in the catalogue (namespace verify)', () => {
  const zh = new Map(flat(zhCN.verify))

  it('every key renders in both languages: every parameter shown, the Chinese text in Chinese', () => {
    const keys = flat(en.verify)
    expect(keys.length).toBeGreaterThan(100)
    for (const [key, template] of keys) {
      const names = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '')
      const m: Message = { key: `verify.${key}`, params: Object.fromEntries(names.map((n) => [n, `<${n}>`])) }
      const { en: e, zhCN: z } = both(m)
      for (const text of [e, z]) {
        expect(text, key).not.toMatch(/\{\{/)
        for (const n of names) expect(text, key).toContain(`<${n}>`)
      }
      if (key.startsWith('placeholder.')) continue
      expect(z, key).toMatch(/[\u4e00-\u9fff]/)
      expect(z, `${key} uses Chinese punctuation`).not.toMatch(/[\u4e00-\u9fff][,:;()]|[,:;(][\u4e00-\u9fff]/)
    }
  })

  it('the Chinese texts leave no English words but technical names', () => {
    for (const [key, text] of zh) {
      const bare = text.replace(/\{\{\w+\}\}/g, ' ').replace(/[\x21-\x7e]*\/[\x21-\x7e]*/g, ' ')
      const words = bare.match(/[A-Za-z][A-Za-z0-9._:-]*[A-Za-z0-9]|[A-Za-z]/g) ?? []
      for (const w of words) expect(TECHNICAL.has(w) || /^[A-Z0-9-]+$/.test(w), `${key}: "${w}"`).toBe(true)
    }
  })

  it('renders nested messages and lists in the message language; English is the text the checks always printed', () => {
    const stopped = msg('rt.stopped', { steps: [msg('rt.step.made'), msg('rt.step.pushed')], error: 'EOF' })
    expect(both(stopped)).toEqual({
      en: 'round trip stopped after [made, pushed]: EOF',
      zhCN: '往返测试在 [生成镜像、推送] 之后中断：EOF',
    })
    expect(both(msg('run.blocked', { n: 5, title: msg('title.tcp') }))).toEqual({
      en: '5. TCP connection did not pass',
      zhCN: '第 5 项“TCP 连接”未通过',
    })
    expect(both(msg('tcp.ok', { target: '192.168.20.10:5000', ms: 1 }))).toEqual({
      en: 'connected to 192.168.20.10:5000 in 1 ms',
      zhCN: '已连接 192.168.20.10:5000，耗时 1 ms',
    })
    const trust = msg('trust.missing', {
      path: '/etc/docker/certs.d/r:5000/ca.crt',
      registry: 'r:5000',
      os: msg('trust.os.missing', { where: 'Debian' }),
    })
    expect(both(trust)).toEqual({
      en: '/etc/docker/certs.d/r:5000/ca.crt does not exist: Docker on this machine does not trust the CA for r:5000; not in the OS store (Debian)',
      zhCN: '/etc/docker/certs.d/r:5000/ca.crt 不存在：本机 Docker 不信任 r:5000 的 CA；系统证书库中没有（Debian）',
    })
    // The lint reasons: the same facts in both languages; the English reads as the certificate core's finding.
    expect(both(msg('lint.LEAF_TOO_LONG', { days: 3000, max: 825 })).en).toBe(
      'lint: the certificate is valid for 3000 days; over 825 days is refused by Apple platforms and discouraged elsewhere',
    )
    // A message is plain data: it survives JSON (the --json report, IPC).
    expect(both(JSON.parse(JSON.stringify(trust)) as Message)).toEqual(both(trust))
    expect(trust.key).toBe('verify.trust.missing')
  })

  it('checks parameters against both languages at compile time', () => {
    // @ts-expect-error ms is missing
    msg('tcp.ok', { target: 'h:1' })
    // @ts-expect-error the lint text needs max too
    msg('lint.LEAF_TOO_LONG', { days: 1 })
    // @ts-expect-error a text without placeholders takes no parameters
    msg('tls.timeout', {})
    // @ts-expect-error no such key
    msg('tls.nothing')
    expect(msg('tls.timeout')).toEqual({ key: 'verify.tls.timeout' })
  })
})
