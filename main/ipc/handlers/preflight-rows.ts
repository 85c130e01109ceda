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
import { englishTranslator, message, type Message, type Params } from '../../messages/index'
import type { CheckRow } from '../contract'

type RowId = 'certs' | 'engine' | 'port' | 'name'

/** A `preflight.*` message. */
const pf = (key: string, params?: Params): Message => message(`preflight.${key}`, params)

function row(
  id: RowId,
  status: CheckRow['status'],
  title: Message,
  reason: Message,
  fix?: Message,
): CheckRow {
  return { id, status, title, reason, ...(fix === undefined ? {} : { fix }) }
}

/**
 * A failure: a coded error speaks with its own catalogue texts (its message, and the GUI's hint or the neutral one);
 * anything else is the row's own reason with the raw text as data.
 */
function failed(id: RowId, title: Message, err: unknown, reasonKey: string, fix: Message): CheckRow {
  const tr = englishTranslator()
  if (isAppError(err) && tr.has(`error.${err.code}.message`)) {
    const params: Params = { ...(err.field === undefined ? {} : { field: err.field }), ...err.params }
    const hint = tr.has(`guiHint.${err.code}`) ? `guiHint.${err.code}` : `error.${err.code}.hint`
    return row(id, 'fail', title, message(`error.${err.code}.message`, params), message(hint, params))
  }
  const detail = err instanceof Error ? err.message : String(err)
  return row(id, 'fail', title, pf(reasonKey, { detail }), fix)
}

/** The certificate failures the row words itself (the error's own parameters fill the text). */
const CERT_REASONS = new Set([
  'CERT_FILES_MISSING',
  'CERT_KEY_MISMATCH',
  'CERT_EXPIRED',
  'CERT_NOT_FROM_CA',
  'CERT_HOST_NOT_COVERED',
  'CERT_INVALID',
])

export async function certsRow(certDir: string, host: string | undefined): Promise<CheckRow> {
  const title = pf('title.certs')
  try {
    const cert = checkCertMaterial(await readCertDir(certDir), { host })
    return row('certs', 'pass', title, pf('certs.ok', { subject: cert.subject, days: cert.daysLeft }))
  } catch (err) {
    if (!isAppError(err) || !CERT_REASONS.has(err.code))
      return failed('certs', title, err, 'other.fail', pf('certs.fix'))
    const params = err.params ?? {}
    const key = err.code === 'CERT_HOST_NOT_COVERED' && params['host'] === '' ? 'noAddress' : err.code
    return row('certs', 'fail', title, pf(`certs.${key}`, params), pf('certs.fix'))
  }
}

async function portRow(engine: Engine, port: number): Promise<CheckRow> {
  const title = pf('title.port', { port })
  const by = await portPublishedBy(engine, port)
  if (by !== undefined)
    return row('port', 'fail', title, pf('port.published', { by }), pf('port.fix', { port }))
  if (engine.resolved.local && (await portBoundLocally(port)))
    return row('port', 'fail', title, pf('port.bound'), pf('port.fix', { port }))
  return row('port', 'pass', title, pf('port.free'))
}

async function nameRow(engine: Engine, name: string): Promise<CheckRow> {
  const existing = await findContainer(engine, name)
  const title = pf('title.name', { name })
  return existing
    ? row(
        'name',
        'warn',
        title,
        pf('name.exists', { state: existing.state, image: existing.image }),
        pf('name.existsFix'),
      )
    : row('name', 'pass', title, pf('name.free'))
}

/** Engine, port and container-name rows (the last two only when the engine answers). */
export async function engineRows(engine: Engine, port: number, name: string): Promise<CheckRow[]> {
  const title = pf('title.engine')
  // A plain tcp:// engine would receive domain.key and the htpasswd file in clear text: starting refuses it.
  const plain = isPlainTcp(engine.resolved)
  if (plain && engine.resolved.insecureAllowed !== true)
    return [
      row(
        'engine',
        'fail',
        title,
        pf('engine.insecure', { engine: engine.resolved.display }),
        pf('engine.insecureFix'),
      ),
    ]
  try {
    const info = await checkEngine(engine)
    const facts = { version: info.version, os: info.os, arch: info.arch }
    const engineRow = plain
      ? row('engine', 'warn', title, pf('engine.insecureAllowed', facts), pf('engine.insecureFix'))
      : row('engine', 'pass', title, pf('engine.ok', facts))
    return [engineRow, await portRow(engine, port), await nameRow(engine, name)]
  } catch (err) {
    return [failed('engine', title, err, 'engine.fail', pf('engine.fix'))]
  }
}
