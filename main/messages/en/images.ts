// Reading image archives (docker save tars, OCI archives and layouts) and importing them into a registry
// (main/images: source, inspect, import). Paths, digests, references and media types are data.

/** Error codes of main/images (reading and import). `message` says what was wrong; `hint` what to do. */
export const imagesErrors = {
  IMAGES_SOURCE_UNREADABLE: {
    message: '{{field}}: {{path}} cannot be read ({{reason}})',
    hint: 'Give a docker save tar, an OCI archive or an OCI layout folder that exists and can be read.',
  },
  IMAGES_FORMAT_UNKNOWN: {
    message: '{{field}}: {{path}} is not a docker save tar, an OCI archive or an OCI layout ({{detail}})',
    hint: 'Write the file with docker save, skopeo copy ... oci-archive: or our export, and give that file.',
  },
  IMAGES_COMPRESSED: {
    message: '{{field}}: {{path}} is compressed with {{compression}}, which is not read here (gzip is)',
    hint: 'Decompress it first with {{command}}, then import the .tar it gives.',
  },
  IMAGES_GZIP_TRUNCATED: {
    message: '{{field}}: {{path}} is cut short: the gzip stream ends before its last byte',
    hint: 'The copy is incomplete (an interrupted transfer, a full drive). Copy the file again from its source. Nothing was imported.',
  },
  IMAGES_GZIP_CORRUPT: {
    message: '{{field}}: {{path}} is damaged: gzip cannot decompress it ({{detail}})',
    hint: 'Copy the file again from its source and check its checksum. Nothing was imported.',
  },
  IMAGES_STAGING_SPACE: {
    message: '{{field}}: {{path}} needs {{needed}} to decompress into {{dir}}, which has {{free}} free',
    hint: 'Free space there (or point TMPDIR at a folder with room), or decompress the archive onto a larger drive with gunzip and import the .tar.',
  },
  IMAGES_STAGING_FAILED: {
    message: '{{field}}: {{path}} cannot be decompressed into {{dir}} ({{reason}})',
    hint: 'The temporary folder must exist and be writable (TMPDIR chooses it), or decompress the archive with gunzip and import the .tar.',
  },
  IMAGES_TAR_TRUNCATED: {
    message: '{{field}}: {{path}} is cut short: {{entry}} needs {{needed}} bytes, the file has {{size}}',
    hint: 'The copy is incomplete (an interrupted transfer, a full drive). Copy the file again from its source.',
  },
  IMAGES_TAR_CORRUPT: {
    message: '{{field}}: {{path}} is damaged: the tar header at byte {{offset}} is invalid ({{detail}})',
    hint: 'The file is corrupt or is not a tar. Copy it again from its source and check its checksum.',
  },
  IMAGES_JSON_INVALID: {
    message: '{{field}}: {{path}}: {{entry}} is not what an image archive holds ({{detail}})',
    hint: 'The archive is damaged or was written by a tool we do not read. Write it again with docker save or skopeo.',
  },
  IMAGES_BLOB_MISSING: {
    message: '{{field}}: {{path}} does not hold {{digest}}, which {{what}} needs',
    hint: 'The archive is incomplete (for a multi-platform image every platform must be in it). Write it again with all platforms.',
  },
  IMAGES_BLOB_SIZE: {
    message: '{{field}}: {{path}}: {{digest}} has {{actual}} bytes, its manifest says {{expected}}',
    hint: 'The archive is damaged. Copy it again from its source.',
  },
  IMAGES_BLOB_DIGEST: {
    message: '{{field}}: {{path}}: the content of {{digest}} hashes to {{actual}}',
    hint: 'The archive is damaged. Nothing was tagged; copy it again from its source and import it again.',
  },
  IMAGES_MEDIA_TYPE_UNSUPPORTED: {
    message: '{{field}}: {{path}}: {{digest}} is a {{mediaType}}, which cannot be imported',
    hint: 'Only OCI and Docker v2 schema 2 images and indexes are imported. Convert the image with skopeo first.',
  },
  IMAGES_NO_IMAGES: {
    message: '{{field}}: {{path}} holds no images',
    hint: 'Give an archive written by docker save, skopeo or our export that has at least one image.',
  },
  IMAGES_NAME_INVALID: {
    message: '{{field}}: {{path}} names an image {{name}}, which is not an image reference',
    hint: 'Write the archive again with valid image names.',
  },
  IMAGES_UNNAMED: {
    message:
      '{{field}}: {{path}} has {{count}} image(s) without a repository name ({{digests}}); give the repository they go to',
    hint: 'The archive names these images only by a tag or not at all: give the repository name they should be pushed under.',
  },
  IMAGES_REPOSITORY_INVALID: {
    message: '{{field}}: {{value}} is not a repository name (lowercase path parts like team/app)',
    hint: 'Give a repository name such as team/app, without a registry host or tag.',
  },
  IMAGES_PREFIX_INVALID: {
    message:
      '{{field}}: {{value}} is not a repository prefix (lowercase path parts like mirror or team/mirror)',
    hint: 'Give a prefix such as mirror; it goes in front of every repository name.',
  },
  IMAGES_TAG_CONFLICT: {
    message: '{{field}}: {{reference}} is given by two different images ({{first}} and {{second}})',
    hint: 'Import the archives one at a time or give a different prefix to one of them. Nothing was pushed.',
  },
} as const

/** Progress of an import (the CLI prints these lines, the GUI shows them beside the bars). */
export const imagesProgress = {
  open: 'reading {{path}}',
  blob: 'sending {{digest}} to {{repository}}',
  decompress: 'decompressing {{path}} into a private staging folder',
  blobPresent: '{{digest}} is already in {{repository}}',
  blobMounted: '{{digest}} mounted into {{repository}} from {{from}}',
  blobUploaded: '{{digest}} sent to {{repository}}',
  manifest: 'manifest {{digest}} ({{platform}}) into {{repository}}',
  index: 'index {{digest}} into {{repository}}',
  tag: 'tagged {{reference}}',
  done: '{{images}} image(s): {{uploaded}} blob(s) sent, {{present}} already there, {{mounted}} mounted',
} as const

/** Words the images area gives as parameters (platforms without a name, kinds). */
export const imagesTexts = {
  untagged: '(untagged)',
  unknownPlatform: 'unknown platform',
  what: {
    index: 'the index {{digest}}',
    manifest: 'the manifest {{digest}}',
    entry: 'the entry {{entry}}',
  },
} as const
