import type {
  imagesErrors as enErrors,
  imagesProgress as enProgress,
  imagesTexts as enTexts,
} from '../en/images'
import type { Texts } from '../types'

export const imagesErrors = {
  IMAGES_SOURCE_UNREADABLE: {
    message: '{{field}}：无法读取 {{path}}（{{reason}}）',
    hint: '请给出一个存在且可读的 docker save tar 文件、OCI 归档或 OCI 布局目录。',
  },
  IMAGES_FORMAT_UNKNOWN: {
    message: '{{field}}：{{path}} 既不是 docker save tar 文件，也不是 OCI 归档或 OCI 布局（{{detail}}）',
    hint: '请用 docker save、skopeo copy ... oci-archive: 或本工具的导出功能写出文件，然后给出该文件。',
  },
  IMAGES_COMPRESSED: {
    message: '{{field}}：{{path}} 以 {{compression}} 压缩，本工具不读取这种格式（可读取 gzip）',
    hint: '请先用 {{command}} 解压，再导入得到的 .tar 文件。',
  },
  IMAGES_GZIP_TRUNCATED: {
    message: '{{field}}：{{path}} 不完整：gzip 数据流在结尾之前就中断了',
    hint: '副本不完整（传输被中断或磁盘已满）。请从源头重新复制该文件。未导入任何内容。',
  },
  IMAGES_GZIP_CORRUPT: {
    message: '{{field}}：{{path}} 已损坏：gzip 无法解压（{{detail}}）',
    hint: '请从源头重新复制该文件，并核对校验和。未导入任何内容。',
  },
  IMAGES_STAGING_SPACE: {
    message: '{{field}}：解压 {{path}} 需要 {{needed}} 空间，而 {{dir}} 只剩 {{free}}',
    hint: '请在那里腾出空间（或把 TMPDIR 指向有空间的目录），或用 gunzip 把归档解压到更大的磁盘上，再导入 .tar 文件。',
  },
  IMAGES_STAGING_FAILED: {
    message: '{{field}}：无法把 {{path}} 解压到 {{dir}}（{{reason}}）',
    hint: '临时目录必须存在且可写（由 TMPDIR 指定），或先用 gunzip 解压归档，再导入 .tar 文件。',
  },
  IMAGES_TAR_TRUNCATED: {
    message: '{{field}}：{{path}} 不完整：{{entry}} 需要 {{needed}} 字节，而文件只有 {{size}} 字节',
    hint: '副本不完整（传输被中断或磁盘已满）。请从源头重新复制该文件。',
  },
  IMAGES_TAR_CORRUPT: {
    message: '{{field}}：{{path}} 已损坏：第 {{offset}} 字节处的 tar 头无效（{{detail}}）',
    hint: '文件已损坏或不是 tar 文件。请从源头重新复制，并核对校验和。',
  },
  IMAGES_JSON_INVALID: {
    message: '{{field}}：{{path}}：{{entry}} 不是镜像归档应有的内容（{{detail}}）',
    hint: '归档已损坏，或由本工具无法读取的程序写出。请用 docker save 或 skopeo 重新写出。',
  },
  IMAGES_BLOB_MISSING: {
    message: '{{field}}：{{path}} 中没有 {{what}}所需的 {{digest}}',
    hint: '归档不完整（多平台镜像的每个平台都必须在其中）。请带上所有平台重新写出。',
  },
  IMAGES_BLOB_SIZE: {
    message: '{{field}}：{{path}}：{{digest}} 有 {{actual}} 字节，而其清单写的是 {{expected}}',
    hint: '归档已损坏。请从源头重新复制。',
  },
  IMAGES_BLOB_DIGEST: {
    message: '{{field}}：{{path}}：{{digest}} 的内容摘要实际为 {{actual}}',
    hint: '归档已损坏。没有设置任何标签；请从源头重新复制后再导入。',
  },
  IMAGES_MEDIA_TYPE_UNSUPPORTED: {
    message: '{{field}}：{{path}}：{{digest}} 的类型是 {{mediaType}}，无法导入',
    hint: '只能导入 OCI 和 Docker v2 schema 2 的镜像及索引。请先用 skopeo 转换该镜像。',
  },
  IMAGES_NO_IMAGES: {
    message: '{{field}}：{{path}} 中没有镜像',
    hint: '请给出由 docker save、skopeo 或本工具导出、且至少含有一个镜像的归档。',
  },
  IMAGES_NAME_INVALID: {
    message: '{{field}}：{{path}} 给出的镜像名称 {{name}} 不是有效的镜像引用',
    hint: '请用有效的镜像名称重新写出该归档。',
  },
  IMAGES_UNNAMED: {
    message: '{{field}}：{{path}} 中有 {{count}} 个镜像没有仓库名称（{{digests}}）；请给出它们要推送到的仓库',
    hint: '归档只用标签标记这些镜像，或者根本没有标记：请给出推送它们时使用的仓库名称。',
  },
  IMAGES_REPOSITORY_INVALID: {
    message: '{{field}}：{{value}} 不是仓库名称（应为 team/app 这样的小写路径）',
    hint: '请给出 team/app 这样的仓库名称，不带镜像仓库地址和标签。',
  },
  IMAGES_PREFIX_INVALID: {
    message: '{{field}}：{{value}} 不是仓库前缀（应为 mirror 或 team/mirror 这样的小写路径）',
    hint: '请给出 mirror 这样的前缀；它会加在每个仓库名称的前面。',
  },
  IMAGES_TAG_CONFLICT: {
    message: '{{field}}：{{reference}} 同时被两个不同的镜像使用（{{first}} 和 {{second}}）',
    hint: '请逐个导入这些归档，或为其中一个指定不同的前缀。没有推送任何内容。',
  },
} as const satisfies Texts<typeof enErrors>

export const imagesProgress = {
  open: '正在读取 {{path}}',
  blob: '正在把 {{digest}} 发送到 {{repository}}',
  decompress: '正在将 {{path}} 解压到私有暂存目录',
  blobPresent: '{{digest}} 已在 {{repository}} 中',
  blobMounted: '{{digest}} 已从 {{from}} 挂载到 {{repository}}',
  blobUploaded: '{{digest}} 已发送到 {{repository}}',
  manifest: '清单 {{digest}}（{{platform}}）已写入 {{repository}}',
  index: '索引 {{digest}} 已写入 {{repository}}',
  tag: '已设置标签 {{reference}}',
  done: '{{images}} 个镜像：发送了 {{uploaded}} 个数据块，{{present}} 个已存在，{{mounted}} 个通过挂载获得',
} as const satisfies Texts<typeof enProgress>

export const imagesTexts = {
  untagged: '（无标签）',
  unknownPlatform: '未知平台',
  what: {
    index: '索引 {{digest}}',
    manifest: '清单 {{digest}}',
    entry: '条目 {{entry}}',
  },
} as const satisfies Texts<typeof enTexts>
