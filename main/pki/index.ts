// The certificate core: CA, server and client certificates, inspection and lint. Plain Node, no electron.
export * from './types'
export * from './file-names'
export { createCa, checkCreateCaInput } from './create-ca'
export { openCa, parseCertificate, firstCertificatePem } from './open-ca'
export { issueCertificate, checkIssueInput, MAX_LEAF_DAYS } from './issue-cert'
export { parseSan, parseSans, sanCoversHost, hostOf, parseHostPort } from './names'
export { inspectCertificate, certificateCoversHost, fingerprintSha256, certificateSans } from './inspect-cert'
export { lintCertificate, lintInfo, lintFinding } from './lint-cert'
export { generateRsaKey, readPrivateKey, exportPrivateKeyPem, parseKeySize, isEncryptedKeyPem } from './keys'
export {
  createCaDir,
  importCaDir,
  loadCaDir,
  issueToDir,
  readIndex,
  type CaDirOptions,
  type CaDirResult,
  type IndexEntry,
  type IssuedToDir,
  type IssueToDirOptions,
} from './ca-dir'
export {
  readCaChain,
  readCaDirFile,
  checkCaChain,
  chainFromInput,
  chainFileText,
  chainLength,
  servedChain,
  MAX_CHAIN_LENGTH,
  type CaChain,
} from './ca-chain'
export {
  splitPemBundle,
  pemCertificates,
  canonicalPemBundle,
  parseOneCert,
  pemFromDer,
  dnLine,
  buildChain,
  type ChainPath,
  isIssuedBy,
  isSelfSigned,
  MAX_BUNDLE_CERTS,
  type ParsedCert,
} from './pem'
export { checkWritableDir, pathError } from './ca-files'
