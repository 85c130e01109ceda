export {
  buildBundleFiles,
  bundleFolderName,
  checksumsFor,
  CHECKSUMS_FILE,
  FINGERPRINT_FILE,
  type BundleFile,
} from './bundle-files'
export { exportBundle, type ExportBundleInput, type ExportedBundle } from './export-bundle'
export { archiveFolder, parseArchiveFormat, ARCHIVE_FORMATS, type ArchiveFormat } from './archive'
export { findPrivateKeys, listFiles, verifyBundleDir, type BundleCheck } from './verify-bundle'
