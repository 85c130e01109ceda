// Known failures in plain words: a pure table from Docker / Go / x509 messages and Node error codes to an
// explanation and a fix (naming the step to redo), in English and zh-CN. Shared by verify, registry, trust and IPC.
//
//   import { explainError } from '../diagnostics'
//   const e = explainError(err, { registry: '192.168.20.10:5000' })
//   if (e) show(e.en.title, e.en.fix)     // or e.zhCN; e.code is stable, e.step is the wizard step to redo
export { explainError, knownErrorCodes, type ErrorInput } from './explain'
export type { ErrorExplanation, ErrorText, ExplainContext, RedoStep } from './types'
