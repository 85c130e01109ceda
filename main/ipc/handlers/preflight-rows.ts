import { explainError } from '../../diagnostics/index'
import {
  certFailureId,
  preflightText,
  type PreflightMessageId,
  type PreflightParams,
} from '../../docker/preflight-messages'
import {
  checkCertMaterial,
  checkEngine,
  findContainer,
  isPlainTcp,
  portBoundLocally,
  portPublishedBy,
  readCertDir,
  type Engine,
} from '../../docker/index'
import { isAppError } from '../../errors'
import type { CheckRow } from '../contract'

type RowId = 'certs' | 'engine' | 'port' | 'name'
type Text = [PreflightMessageId, PreflightParams?]

/** A preflight row with title, reason and fix in both languages. */
function row(id: RowId, status: CheckRow['status'], title: Text, reason: Text, fix?: Text): CheckRow {
  const t = preflightText(...title)
  const r = preflightText(...reason)
  const f = fix ? preflightText(...fix) : undefined
  return {
    id,
    status,
    title: t.en,
    titleZh: t.zhCN,
    reason: r.en,
    reasonZh: r.zhCN,
    fix: f?.en,
    fixZh: f?.zhCN,
  }
}

/** A failure: the shared error table's words when it knows it, else the row's own reason with the core's text. */
function failed(id: RowId, title: Text, err: unknown, reasonId: PreflightMessageId, fix: Text): CheckRow {
  const detail = err instanceof Error ? err.message : String(err)
  const known = explainError(err as Parameters<typeof explainError>[0])
  if (known) {
    const t = preflightText(...title)
    return {
      id,
      status: 'fail',
      title: t.en,
      titleZh: t.zhCN,
      reason: known.en.explanation,
      reasonZh: known.zhCN.explanation,
      fix: known.en.fix,
      fixZh: known.zhCN.fix,
    }
  }
  return row(id, 'fail', title, [reasonId, { detail, host: '' }], fix)
}

export async function certsRow(certDir: string, host: string | undefined): Promise<CheckRow> {
  const title: Text = ['title.certs']
  try {
    const cert = checkCertMaterial(await readCertDir(certDir), { host })
    return row('certs', 'pass', title, ['certs.ok', { subject: cert.subject, days: cert.daysLeft }])
  } catch (err) {
    const id = isAppError(err) ? certFailureId(err.code) : 'other.fail'
    if (id === 'certs.CERT_HOST_NOT_COVERED')
      return row('certs', 'fail', title, [id, { host: host ?? '' }], ['certs.fix'])
    return failed('certs', title, err, id, ['certs.fix'])
  }
}

/** Engine, port and container-name rows (the last two only when the engine answers). */
export async function engineRows(engine: Engine, port: number, name: string): Promise<CheckRow[]> {
  // A plain tcp:// engine would receive domain.key and the htpasswd file in clear text: starting refuses it.
  const plain = isPlainTcp(engine.resolved)
  if (plain && engine.resolved.insecureAllowed !== true)
    return [
      row(
        'engine',
        'fail',
        ['title.engine'],
        ['engine.insecure', { engine: engine.resolved.display }],
        ['engine.insecure.fix'],
      ),
    ]
  try {
    const info = await checkEngine(engine)
    const facts = { version: info.version, os: info.os, arch: info.arch }
    const rows = [
      plain
        ? row('engine', 'warn', ['title.engine'], ['engine.insecure.allowed', facts], ['engine.insecure.fix'])
        : row('engine', 'pass', ['title.engine'], ['engine.ok', facts]),
    ]
    const portTitle: Text = ['title.port', { port }]
    const by = await portPublishedBy(engine, port)
    if (by !== undefined)
      rows.push(row('port', 'fail', portTitle, ['port.published', { by }], ['port.fix', { port }]))
    else if (engine.resolved.local && (await portBoundLocally(port)))
      rows.push(row('port', 'fail', portTitle, ['port.bound'], ['port.fix', { port }]))
    else rows.push(row('port', 'pass', portTitle, ['port.free']))
    const existing = await findContainer(engine, name)
    const nameTitle: Text = ['title.name', { name }]
    rows.push(
      existing
        ? row(
            'name',
            'warn',
            nameTitle,
            ['name.exists', { state: existing.state, image: existing.image }],
            ['name.exists.fix'],
          )
        : row('name', 'pass', nameTitle, ['name.free']),
    )
    return rows
  } catch (err) {
    return [failed('engine', ['title.engine'], err, 'engine.fail', ['engine.fix'])]
  }
}
