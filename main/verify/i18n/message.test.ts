import { describe, expect, it } from 'vitest'
import { en, type MessageId } from './en'
import { msg, placeholders, renderBoth, renderMessage, TEMPLATES, type VerifyMessage } from './message'
import { zhCN } from './zh-cn'

const ids = Object.keys(en) as MessageId[]

/** The Chinese templates build these from the certificate's facts; the English shows the core's lint message. */
const OWN_PARAMS = new Set<MessageId>(['lint.LEAF_TOO_LONG', 'lint.SHA1', 'lint.WEAK_KEY', 'lint.other'])

/** Latin words a Chinese template may contain: protocol, product and field names, as Chinese ops people write them. */
const TECHNICAL = new Set(
  'CA CA:TRUE PEM SAN IP DNS TCP TLS HTTP API GET Go Docker dockerd docker certs.d basicConstraints Apple RSA curl ms insecure registry push pull Docker-Distribution-Api-Version ca.crt domain.crt'.split(
    ' ',
  ),
)

/** Sample parameters for every placeholder of a message: `<name>` (a visible token, never a template hole). */
function sample(id: MessageId): VerifyMessage {
  const names = new Set([...placeholders(en[id]), ...placeholders(zhCN[id])])
  return { id, params: Object.fromEntries([...names].map((n) => [n, `<${n}>`])) }
}

describe('verify message tables', () => {
  it('English and Chinese have exactly the same ids, in the same order', () => {
    expect(Object.keys(zhCN)).toEqual(Object.keys(en))
    expect(Object.keys(TEMPLATES.zhCN)).toEqual(Object.keys(TEMPLATES.en))
    expect(ids.length).toBeGreaterThan(80)
  })

  it('every id renders in both languages: no hole left, every parameter shown, Chinese text in Chinese', () => {
    for (const id of ids) {
      const m = sample(id)
      const { en: e, zhCN: z } = renderBoth(m)
      for (const [lang, text, template] of [
        ['en', e, en[id]],
        ['zhCN', z, zhCN[id]],
      ] as const) {
        expect(text.length, `${id} ${lang}`).toBeGreaterThan(0)
        expect(text, `${id} ${lang}`).not.toMatch(/\{[A-Za-z0-9_]+\}/)
        for (const p of placeholders(template)) expect(text, `${id} ${lang}`).toContain(`<${p}>`)
      }
      expect(z, id).toMatch(/[\u4e00-\u9fff]/)
      expect(z, `${id} uses Chinese punctuation`).not.toMatch(/[\u4e00-\u9fff][,:;()]|[,:;(][\u4e00-\u9fff]/)
    }
  })

  it('both languages take the same parameters (except lint texts the Chinese builds from the facts)', () => {
    for (const id of ids) {
      if (OWN_PARAMS.has(id)) continue
      expect(placeholders(zhCN[id]).sort(), id).toEqual(placeholders(en[id]).sort())
    }
    for (const id of OWN_PARAMS) expect(placeholders(en[id]), id).toEqual(['message'])
  })

  it('the Chinese templates leave no English words but technical names', () => {
    for (const id of ids) {
      const text = zhCN[id].replace(/\{[A-Za-z0-9_]+\}/g, ' ').replace(/[\x21-\x7e]*\/[\x21-\x7e]*/g, ' ')
      const words = text.match(/[A-Za-z][A-Za-z0-9._:-]*[A-Za-z0-9]|[A-Za-z]/g) ?? []
      for (const w of words) expect(TECHNICAL.has(w) || /^[A-Z0-9-]+$/.test(w), `${id}: "${w}"`).toBe(true)
    }
  })

  it('renders nested messages and lists in the message language; English is the text the checks always printed', () => {
    const steps = [msg('rt.step.made'), msg('rt.step.pushed')]
    const stopped = msg('rt.stopped', { steps, error: 'EOF' })
    expect(renderMessage(stopped, 'en')).toBe('round trip stopped after [made, pushed]: EOF')
    expect(renderMessage(stopped, 'zhCN')).toBe('往返测试在 [生成镜像、推送] 之后中断：EOF')
    const blocked = msg('run.blocked', { n: 5, title: { id: 'title.tcp' } })
    expect(renderBoth(blocked)).toEqual({
      en: '5. TCP connection did not pass',
      zhCN: '第 5 项“TCP 连接”未通过',
    })
    expect(renderBoth(msg('tcp.ok', { target: '192.168.20.10:5000', ms: 1 }))).toEqual({
      en: 'connected to 192.168.20.10:5000 in 1 ms',
      zhCN: '已连接 192.168.20.10:5000，耗时 1 ms',
    })
    const trust = msg('trust.missing', {
      path: '/etc/docker/certs.d/r:5000/ca.crt',
      registry: 'r:5000',
      os: msg('trust.os.missing', { where: 'Debian' }),
    })
    expect(renderBoth(trust)).toEqual({
      en: '/etc/docker/certs.d/r:5000/ca.crt does not exist: Docker on this machine does not trust the CA for r:5000; not in the OS store (Debian)',
      zhCN: '/etc/docker/certs.d/r:5000/ca.crt 不存在：本机 Docker 不信任 r:5000 的 CA；系统证书库中没有（Debian）',
    })
    // A message is plain data: it survives JSON (the --json report, IPC).
    expect(renderBoth(JSON.parse(JSON.stringify(trust)) as VerifyMessage)).toEqual(renderBoth(trust))
  })

  it('shows a missing parameter as its hole and refuses an unknown id', () => {
    expect(renderMessage({ id: 'tcp.ok', params: { target: 'h:1' } }, 'en')).toBe(
      'connected to h:1 in {ms} ms',
    )
    expect(() => renderMessage({ id: 'no.such' as MessageId }, 'zhCN')).toThrow(
      /no zhCN text for message "no.such"/,
    )
  })

  it('checks parameters against both templates at compile time', () => {
    // @ts-expect-error ms is missing
    msg('tcp.ok', { target: 'h:1' })
    // @ts-expect-error the Chinese lint text needs days and max too
    msg('lint.LEAF_TOO_LONG', { message: 'x' })
    // @ts-expect-error a message without placeholders takes no parameters
    msg('tls.timeout', {})
    expect(msg('tls.timeout')).toEqual({ id: 'tls.timeout' })
  })
})
