import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeEngine, connectEngine } from '../../docker/index'
import { freePort } from '../../../tests/support/rw-reg-fixtures'
import { createTranslator } from '../../messages/index'
import type { CheckRow } from '../contract'
import { certsRow, engineRows } from './preflight-rows'

const en = createTranslator('en')
const zh = createTranslator('zh-CN')
/** A row's texts as the GUI shows them in each language. */
function both(r: CheckRow): Record<string, string | undefined> {
  const t = (tr: typeof en, m: CheckRow['reason']): string | undefined => (m ? tr.render(m) : undefined)
  return {
    id: r.id,
    status: r.status,
    title: t(en, r.title),
    titleZh: t(zh, r.title),
    reason: t(en, r.reason),
    reasonZh: t(zh, r.reason),
    fix: t(en, r.fix),
    fixZh: t(zh, r.fix),
  }
}

const NAME = `rw-wizard-pf-${randomBytes(3).toString('hex')}`
const engine = connectEngine({}, process.env)
let port: number
let dir: string

describe('registry preflight rows in English and Chinese, on the real dockerd', () => {
  beforeAll(async () => {
    port = await freePort()
    dir = mkdtempSync(join(tmpdir(), 'rw-wizard-pf-'))
    // A container holding the name and publishing the port the plan wants.
    execFileSync('docker', ['run', '-d', '--name', NAME, '-p', `${port}:5000`, 'registry:2'], {
      stdio: 'ignore',
    })
  })
  afterAll(() => {
    // -v: registry:2 declares VOLUME /var/lib/registry; its anonymous volume goes with the container.
    spawnSync('docker', ['rm', '-f', '-v', NAME], { stdio: 'ignore' })
    closeEngine(engine)
    rmSync(dir, { recursive: true, force: true })
  })

  it('names the container that publishes the port and the one holding the name, with fixes, in both languages', async () => {
    const rows = await engineRows(engine, port, NAME)
    const [eng, p, n] = rows.map(both)
    expect(eng).toMatchObject({
      id: 'engine',
      status: 'pass',
      title: 'Docker engine',
      titleZh: 'Docker 引擎',
    })
    expect(eng?.reasonZh).toMatch(/^Docker \d/)
    expect(p).toMatchObject({
      id: 'port',
      status: 'fail',
      title: `Port ${port}`,
      titleZh: `端口 ${port}`,
      reason: `already published by container "${NAME}"`,
      reasonZh: `已被容器“${NAME}”占用`,
    })
    expect(p?.fixZh).toContain(`端口 ${port}`)
    expect(n).toMatchObject({
      id: 'name',
      status: 'warn',
      titleZh: `容器“${NAME}”`,
      reasonZh: '已存在（running，镜像 registry:2）',
    })
    expect(n?.fixZh).toMatch(/删除/)
    // The rows carry catalogue keys and data, never rendered words.
    expect(rows[1]).toMatchObject({ title: { key: 'preflight.title.port', params: { port } } })
  })

  it('a tcp:// engine without TLS: a failing engine row in both languages, before connecting; a warning when allowed', async () => {
    const plain = connectEngine({ host: 'tcp://127.0.0.1:1' })
    const [eng, ...rest] = (await engineRows(plain, port, NAME)).map(both)
    expect(rest).toEqual([])
    expect(eng).toMatchObject({
      id: 'engine',
      status: 'fail',
      reason:
        'tcp://127.0.0.1:1 has no TLS: the registry key and password file would be sent to it in clear text',
      reasonZh: 'tcp://127.0.0.1:1 未启用 TLS：仓库私钥和密码文件会以明文发送给它',
    })
    expect(eng?.fix).toContain('Allow an engine without TLS')
    expect(eng?.fixZh).toContain('允许不带 TLS 的引擎')
    // Allowed: the engine is asked (here nothing listens, so the row says it cannot be reached).
    const allowed = connectEngine({ host: 'tcp://127.0.0.1:1', insecure: true })
    const [eng2] = (await engineRows(allowed, port, NAME)).map(both)
    expect(eng2).toMatchObject({ id: 'engine', status: 'fail' })
    expect(eng2?.reason).not.toContain('has no TLS')
  })

  it('explains a certificate folder that is not complete in Chinese, naming the file and the errno', async () => {
    const row = both(await certsRow(dir, '127.0.0.1'))
    expect(row).toMatchObject({ id: 'certs', status: 'fail', titleZh: '服务器证书和私钥' })
    expect(row.reasonZh).toBe(`证书目录不完整：无法读取 ${join(dir, 'domain.crt')}（ENOENT）`)
    expect(row.reason).toBe(
      `the certificate folder is incomplete: ${join(dir, 'domain.crt')} cannot be read (ENOENT)`,
    )
    expect(row.fixZh).toBe('请在“证书”步骤重新签发服务器证书。')
  })

  it('explains an unreachable engine with its coded error, the GUI hint in both languages', async () => {
    const down = connectEngine({ host: 'tcp://127.0.0.1:1', insecure: true }, {})
    try {
      const [row] = (await engineRows(down, port, NAME)).map(both)
      expect(row).toMatchObject({
        id: 'engine',
        status: 'fail',
        reason: 'Cannot reach the Docker engine at tcp://127.0.0.1:1: connection refused',
        reasonZh: '无法连接 tcp://127.0.0.1:1 上的 Docker 引擎：连接被拒绝',
        fix: 'Check that dockerd is running and listening at that address.',
      })
      expect(row?.fixZh).toMatch(/^请检查 dockerd/)
    } finally {
      closeEngine(down)
    }
  })
})
