// Export of images from a registry into one archive (main/images/export.ts, list-file.ts, pull/, write/), and the
// registry-api pieces it brought (lists, manifest delete, streamed blob GET).

export const imagesExportErrors = {
  REGISTRY_API_DELETE_DISABLED: {
    message: 'DELETE {{url}}: the registry does not allow deleting (405).',
    hint: 'Start the registry with deleting enabled (REGISTRY_STORAGE_DELETE_ENABLED=true) to delete images.',
  },
  EXPORT_LIST_LINE: {
    message: '{{field}}: line {{line}} of {{path}} is not an image reference: "{{text}}"',
    hint: 'Write one reference per line (registry/repository:tag, e.g. docker.io/rancher/mirrored-pause:3.6); # starts a comment.',
  },
  EXPORT_NO_REFS: {
    message: '{{field}}: no image to export was given.',
    hint: 'Name at least one image reference, or a list file with one reference per line.',
  },
  EXPORT_REF_INVALID: {
    message: '{{field}}: "{{value}}" is not an image reference.',
    hint: 'Give references as registry/repository:tag or repository@sha256:<digest> (e.g. docker.io/library/nginx:1.25).',
  },
  EXPORT_IMAGE_MISSING: {
    message:
      '{{reference}} is not in the registry at {{registry}} (looked for {{repository}}:{{tag}}). Nothing was written.',
    hint: 'Check the reference and the prefix the images were imported under; import the image first.',
  },
  EXPORT_PLATFORM_MISSING: {
    message: '{{reference}} has no {{platform}} image; it has: {{available}}. Nothing was written.',
    hint: 'Choose one of the platforms it has, or export in the OCI format, which keeps every platform.',
  },
  EXPORT_MANIFEST_UNSUPPORTED: {
    message: '{{reference}}: the manifest type "{{mediaType}}" cannot be exported.',
    hint: 'Only OCI and Docker schema 2 manifests and indexes are exported; push the image again with a current client.',
  },
  EXPORT_EXISTS: {
    message: '{{field}}: {{path}} exists already; nothing was written.',
    hint: 'Choose another file name, or allow replacing the file.',
  },
  EXPORT_OUT_INVALID: {
    message: '{{field}}: {{path}} cannot be written: the folder {{dir}} does not exist.',
    hint: 'Give a file name in an existing folder.',
  },
  EXPORT_NOT_ON_DRIVE: {
    message: '{{field}}: {{path}} is not on the drive {{mount}}.',
    hint: 'Write the archive at the top of the chosen drive.',
  },
  EXPORT_READ_BACK_FAILED: {
    message:
      '{{path}} read back from the drive has sha256 {{actual}}, not {{expected}}: the drive did not keep it. The file was removed.',
    hint: 'Try another drive or port; the drive may be failing or fake its size.',
  },
} as const

/** CLI-only hints for the codes above. */
export const imagesExportCliHints = {
  EXPORT_EXISTS: 'Choose another --out file, or add --force to replace it.',
  EXPORT_PLATFORM_MISSING: 'Give --platform with one of the platforms listed, or use --format oci.',
  EXPORT_IMAGE_MISSING:
    'Check the reference and --prefix; `registry-wizard images import` puts images there.',
} as const

/** GUI-only hints for the codes above. */
export const imagesExportGuiHints = {
  EXPORT_EXISTS: 'Choose another file name, or tick Replace.',
} as const

/** Step texts of an export (`progress.export.*`), shown next to its bars. */
export const imagesExportProgress = {
  resolve: 'Reading the manifest of {{reference}}',
  blob: 'Fetching {{digest}} of {{repository}}',
  write: 'Writing {{path}}',
  readBack: 'Reading {{path}} back from the drive',
  done: 'Exported {{count}} images to {{path}}',
} as const
