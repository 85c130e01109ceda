// Known failures in plain words: a pure table from Docker / Go / x509 messages and Node error codes to a code and the
// step its fix names; the words are the catalogue's `explain.CODE` texts (main/messages), in every language. Shared
// by verify, registry, trust, IPC and the CLI.
//
//   import { explainError, explainTexts } from '../diagnostics'
//   const e = explainError(err, { registry: '192.168.20.10:5000' })   // { code, step, params } or undefined
//   if (e) show(explainTexts(tr, e, 'gui'))                            // title, explanation, fix, step
export { explainError, explainParams, knownErrorCodes, type ErrorInput } from './explain'
export {
  explainMessage,
  explainTexts,
  isExplained,
  stepMessage,
  type ExplainPart,
  type ExplainRef,
} from './texts'
export type { Explanation, ExplainCode, ExplainContext, ExplainParams, RedoStep } from './types'
