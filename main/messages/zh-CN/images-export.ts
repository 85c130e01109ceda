import type {
  imagesExportCliHints as enCliHints,
  imagesExportErrors as enErrors,
  imagesExportGuiHints as enGuiHints,
  imagesExportProgress as enProgress,
} from '../en/images-export'
import type { Texts } from '../types'

export const imagesExportErrors = {
  REGISTRY_API_DELETE_DISABLED: {
    message: 'DELETE {{url}}：该镜像仓库不允许删除（405）。',
    hint: '要删除镜像，请在启动镜像仓库时开启删除（REGISTRY_STORAGE_DELETE_ENABLED=true）。',
  },
  EXPORT_LIST_LINE: {
    message: '{{field}}：{{path}} 的第 {{line}} 行不是镜像引用：“{{text}}”',
    hint: '每行写一个引用（仓库地址/仓库:标签，例如 docker.io/rancher/mirrored-pause:3.6）；# 开头为注释。',
  },
  EXPORT_NO_REFS: {
    message: '{{field}}：没有给出要导出的镜像。',
    hint: '请至少给出一个镜像引用，或一个每行一个引用的列表文件。',
  },
  EXPORT_REF_INVALID: {
    message: '{{field}}：“{{value}}”不是镜像引用。',
    hint: '请以 仓库地址/仓库:标签 或 仓库@sha256:<摘要> 的形式给出引用（例如 docker.io/library/nginx:1.25）。',
  },
  EXPORT_IMAGE_MISSING: {
    message:
      '{{registry}} 上的镜像仓库中没有 {{reference}}（查找的是 {{repository}}:{{tag}}）。没有写入任何内容。',
    hint: '请检查引用以及导入镜像时使用的前缀；请先导入该镜像。',
  },
  EXPORT_PLATFORM_MISSING: {
    message: '{{reference}} 没有 {{platform}} 平台的镜像；现有平台：{{available}}。没有写入任何内容。',
    hint: '请选择它已有的平台之一，或以 OCI 格式导出（保留全部平台）。',
  },
  EXPORT_MANIFEST_UNSUPPORTED: {
    message: '{{reference}}：无法导出清单类型“{{mediaType}}”。',
    hint: '只能导出 OCI 和 Docker schema 2 的清单与索引；请用较新的客户端重新推送该镜像。',
  },
  EXPORT_EXISTS: {
    message: '{{field}}：{{path}} 已存在；没有写入任何内容。',
    hint: '请换一个文件名，或允许替换该文件。',
  },
  EXPORT_OUT_INVALID: {
    message: '{{field}}：无法写入 {{path}}：文件夹 {{dir}} 不存在。',
    hint: '请给出一个已存在的文件夹中的文件名。',
  },
  EXPORT_NOT_ON_DRIVE: {
    message: '{{field}}：{{path}} 不在驱动器 {{mount}} 上。',
    hint: '请把归档写在所选驱动器的顶层。',
  },
  EXPORT_READ_BACK_FAILED: {
    message:
      '从驱动器读回的 {{path}} 的 sha256 为 {{actual}}，而不是 {{expected}}：驱动器没有正确保存它。该文件已删除。',
    hint: '请换一个驱动器或接口；该驱动器可能已损坏或虚报容量。',
  },
} as const satisfies Texts<typeof enErrors>

export const imagesExportCliHints = {
  EXPORT_EXISTS: '请用 --out 指定另一个文件，或加上 --force 替换它。',
  EXPORT_PLATFORM_MISSING: '请用 --platform 指定上面列出的平台之一，或使用 --format oci。',
  EXPORT_IMAGE_MISSING: '请检查引用和 --prefix；`registry-wizard images import` 会把镜像放到那里。',
} as const satisfies Texts<typeof enCliHints>

export const imagesExportGuiHints = {
  EXPORT_EXISTS: '请换一个文件名，或勾选“替换”。',
} as const satisfies Texts<typeof enGuiHints>

export const imagesExportProgress = {
  resolve: '正在读取 {{reference}} 的清单',
  blob: '正在获取 {{repository}} 的 {{digest}}',
  write: '正在写入 {{path}}',
  readBack: '正在从驱动器读回 {{path}}',
  done: '已将 {{count}} 个镜像导出到 {{path}}',
} as const satisfies Texts<typeof enProgress>
