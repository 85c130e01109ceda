import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { AppError } from '../errors'
import {
  CHANNELS,
  JOB_CANCELLABLE,
  ipcChannel,
  ipcEvent,
  isJobChannel,
  type Channel,
  type JobChannel,
  type Result,
} from './contract'
import type { Handler, HandlerContext } from './handler-types'
import type { JobRegistry } from './jobs'
import { toErrorInfo } from './map-error'
import { schemas } from './schemas'

export type AllHandlers = { [C in Channel]: Handler<C> }

export interface IpcLogger {
  info: (...args: unknown[]) => void
  warn: (...args: unknown[]) => void
  error: (...args: unknown[]) => void
}

export interface RegisterOptions {
  handlers: AllHandlers
  jobs: JobRegistry
  /** True for the URL of our own renderer (file:// in production, the dev server in development). */
  isTrustedSender: (url: string) => boolean
  log: IpcLogger
}

/**
 * The ONLY main-process file that touches ipcMain. For every channel of the contract: check the sender frame,
 * validate the request with its zod schema, run the handler (as a job when the request carries a jobId), and
 * answer a Result: thrown errors become `{code, message, hint, field}`, never a lost Error object.
 * Requests are never logged (they may hold passphrases); only the channel, the outcome and the error code.
 */
export function registerHandlers(options: RegisterOptions): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), (event, raw: unknown) => handle(options, channel, event, raw))
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcChannel(channel))
  }
}

async function handle(
  { handlers, jobs, isTrustedSender, log }: RegisterOptions,
  channel: Channel,
  event: IpcMainInvokeEvent,
  raw: unknown,
): Promise<Result<unknown>> {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null || !isTrustedSender(frame.url)) {
    log.warn(`ipc ${channel}: refused a request from an untrusted frame ${frame?.url ?? '(gone)'}`)
    return { ok: false, error: toErrorInfo(new AppError({ code: 'UNTRUSTED_SENDER' })) }
  }
  const parsed = schemas[channel].safeParse(raw)
  if (!parsed.success) {
    const error = toErrorInfo(parsed.error)
    log.warn(`ipc ${channel}: invalid request (${error.field ?? 'request'})`)
    return { ok: false, error }
  }
  const request = parsed.data
  const emit: HandlerContext['emit'] = (name, payload) => {
    if (!event.sender.isDestroyed()) event.sender.send(ipcEvent(name), payload)
  }
  // One channel's handler, called with the request its own schema just validated.
  const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => Promise<unknown>
  const jobId = isJobChannel(channel) ? (request as { jobId: string }).jobId : undefined
  try {
    const value =
      jobId === undefined
        ? await handler(request, { job: undefined, emit })
        : await jobs.run(
            jobId,
            (p) => emit('job:progress', p),
            (job) => handler(request, { job, emit }),
            { cancellable: JOB_CANCELLABLE[channel as JobChannel] },
          )
    log.info(`ipc ${channel}: ok`)
    return { ok: true, value }
  } catch (err) {
    const error = toErrorInfo(err)
    if (error.code === 'UNEXPECTED') log.error(`ipc ${channel}: unexpected failure`, err)
    else log.info(`ipc ${channel}: ${error.code}`)
    return { ok: false, error }
  }
}
