import { describe, expect, it } from 'vitest'
import { createTranslator, en, type FrontEnd } from '../messages/index'
import { ERROR_TABLE } from './error-table'
import { explainError, explainParams, knownErrorCodes } from './explain'
import { explainTexts } from './texts'
import type { Explanation, ExplainCode } from './types'

const STEP_WORDS: Record<string, { en: RegExp; zh: RegExp }> = {
  certificates: { en: /Certificates step/, zh: /“证书”步骤/ },
  registry: { en: /Registry step|registry-wizard registry/, zh: /“仓库”步骤|registry-wizard registry/ },
  trust: {
    en: /Trust step|insecure-registries|client machine/,
    zh: /“信任”步骤|insecure-registries|客户端机器/,
  },
  login: { en: /docker login|Registry step/, zh: /docker login|“仓库”步骤/ },
  network: { en: /DNS|firewall|\/etc\/hosts/, zh: /DNS|防火墙|\/etc\/hosts/ },
  'docker-engine': {
    en: /Start Docker|--docker-host|Docker engine connection/,
    zh: /启动 Docker|--docker-host|Docker 引擎连接/,
  },
}

const tr = { en: createTranslator('en'), zhCN: createTranslator('zh-CN') }
const texts = (e: Explanation | undefined, lang: 'en' | 'zhCN', frontEnd: FrontEnd = 'gui') =>
  e === undefined ? undefined : explainTexts(tr[lang], e, frontEnd)

describe('the diagnostics table', () => {
  it('has unique codes, and every entry has a title, explanation and fix in both languages naming the step to redo', () => {
    const codes = knownErrorCodes()
    expect(new Set(codes).size).toBe(codes.length)
    for (const entry of ERROR_TABLE) {
      const e = explainError(entry.code, { registry: '192.168.20.10:5000' })
      expect(e?.code, entry.code).toBe(entry.code)
      for (const frontEnd of ['cli', 'gui'] as const) {
        const both = { en: texts(e, 'en', frontEnd), zhCN: texts(e, 'zhCN', frontEnd) }
        for (const t of [both.en, both.zhCN]) {
          expect(t?.title.length, entry.code).toBeGreaterThan(3)
          expect(t?.explanation.length, entry.code).toBeGreaterThan(10)
          expect(t?.fix.length, entry.code).toBeGreaterThan(10)
          expect(`${t?.title} ${t?.explanation} ${t?.fix}`, entry.code).not.toMatch(/\{\{/)
        }
        expect(both.zhCN?.fix, entry.code).toMatch(/[\u4e00-\u9fff]/)
        const words = STEP_WORDS[entry.step]
        expect(words, entry.code).toBeDefined()
        expect(both.en?.fix, `${entry.code} en ${frontEnd}`).toMatch(words?.en ?? /x/)
        expect(both.zhCN?.fix, `${entry.code} zh ${frontEnd}`).toMatch(words?.zh ?? /x/)
      }
    }
  })

  it('names CLI flags and commands only in the CLI’s own fix: the neutral texts (the GUI’s) have none', () => {
    const named: string[] = []
    for (const code of Object.keys(en.explain)) {
      for (const lang of ['en', 'zhCN'] as const) {
        const t = texts({ code: code as ExplainCode, step: 'registry', params: explainParams() }, lang)
        for (const part of [t?.title, t?.explanation, t?.fix])
          if (/(?<![\w-])--[a-z]|registry-wizard/.test(part ?? ''))
            named.push(`${code} ${lang}: ${part ?? ''}`)
      }
    }
    expect(named).toEqual([])
    const cliFix = texts(explainError('ECONNREFUSED', { registry: '10.0.0.5:5443' }), 'en', 'cli')?.fix
    expect(cliFix).toContain('`registry-wizard registry status`')
    expect(
      texts(explainError('ECONNREFUSED', { registry: '10.0.0.5:5443' }), 'en', 'gui')?.fix,
    ).not.toContain('registry-wizard')
  })

  it('fills HOST:PORT, host and port into the texts; unknown ones are placeholders in the language shown', () => {
    const e = explainError('x509: certificate signed by unknown authority', {
      registry: '192.168.20.10:5000',
    })
    expect(e).toMatchObject({
      code: 'UNKNOWN_AUTHORITY',
      step: 'trust',
      params: { registry: '192.168.20.10:5000' },
    })
    expect(texts(e, 'en')?.fix).toContain('/etc/docker/certs.d/192.168.20.10:5000/ca.crt')
    expect(texts(e, 'zhCN')?.fix).toContain('/etc/docker/certs.d/192.168.20.10:5000/ca.crt')
    expect(texts(explainError('ECONNREFUSED', { registry: '10.0.0.5:5443' }), 'en')?.fix).toContain(
      'port 5443',
    )
    expect(texts(explainError('no such host', { registry: 'reg.lan:5000' }), 'en')?.explanation).toContain(
      'reg.lan',
    )
    expect(texts(explainError('ECONNREFUSED'), 'en')?.fix).toContain('port PORT')
    expect(texts(explainError('ECONNREFUSED'), 'zhCN')?.fix).toContain('端口 端口')
    // Plain data: an explanation survives JSON (IPC, --json) and renders the same.
    const copy = JSON.parse(JSON.stringify(explainError('ECONNREFUSED'))) as Explanation
    expect(texts(copy, 'zhCN')).toEqual(texts(explainError('ECONNREFUSED'), 'zhCN'))
  })

  it('takes strings, codes, Node errors, dockerode errors (json.message) and causes; the message wins over a generic code', () => {
    expect(explainError('ECONNREFUSED')?.code).toBe('CONNECTION_REFUSED')
    expect(
      explainError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), { code: 'ECONNREFUSED' }))
        ?.code,
    ).toBe('CONNECTION_REFUSED')
    expect(
      explainError({
        message: '(HTTP code 500) server error',
        json: { message: 'Get "https://10.0.0.5:5000/v2/": x509: certificate signed by unknown authority' },
      })?.code,
    ).toBe('UNKNOWN_AUTHORITY')
    expect(
      explainError(
        new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }) }),
      )?.code,
    ).toBe('CERT_EXPIRED')
    const altname = Object.assign(
      new Error("x509: cannot validate certificate for 10.0.0.5 because it doesn't contain any IP SANs"),
      { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    )
    expect(explainError(altname)?.code).toBe('NO_IP_SANS')
    expect(
      explainError(
        Object.assign(new Error("Hostname/IP does not match certificate's altnames"), {
          code: 'ERR_TLS_CERT_ALTNAME_INVALID',
        }),
      )?.code,
    ).toBe('HOST_MISMATCH')
    expect(explainError('self-signed certificate in certificate chain')?.code).toBe('UNKNOWN_AUTHORITY')
    expect(explainError('self-signed certificate')?.code).toBe('SELF_SIGNED_SERVER')
    expect(
      explainError(
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      )?.code,
    ).toBe('ENGINE_UNREACHABLE')
    expect(explainError('dial unix /var/run/docker.sock: connect: connection refused')?.code).toBe(
      'ENGINE_UNREACHABLE',
    )
    expect(explainError('dial tcp 10.0.0.5:5000: connect: connection refused')?.code).toBe(
      'CONNECTION_REFUSED',
    )
    expect(
      explainError(
        'missing key ca.key for client certificate ca.cert. CA certificates should use the extension .crt',
      )?.code,
    ).toBe('CA_WRONG_EXTENSION')
  })

  it('returns undefined for what it does not know', () => {
    expect(explainError('the moon is made of cheese')).toBeUndefined()
    expect(explainError('')).toBeUndefined()
    expect(explainError(undefined)).toBeUndefined()
    expect(explainError({ code: 'E_SOMETHING_ELSE', message: 'odd' })).toBeUndefined()
  })
})

describe('explainError with our own codes', () => {
  it('prefers an AppError code that is in the table over a message pattern', () => {
    const err = Object.assign(
      new Error('Cannot reach the Docker engine at tcp://127.0.0.1:9: connection refused'),
      {
        code: 'ENGINE_UNREACHABLE',
      },
    )
    expect(explainError(err)?.code).toBe('ENGINE_UNREACHABLE')
    expect(explainError(err.message)?.code).toBe('CONNECTION_REFUSED')
  })
})
