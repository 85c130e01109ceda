import type {
  imagesUiCli as enCli,
  imagesUiCliHints as enCliHints,
  imagesUiErrors as enErrors,
  imagesUiGui as enGui,
  imagesUiGuiHints as enGuiHints,
} from '../en/images-ui'
import type { Texts } from '../types'

export const imagesUiErrors = {
  IMAGE_PICK_UNKNOWN: {
    message: '{{field}}：该文件或文件夹不是在本次会话中选择的；没有读取任何内容',
    hint: '请重新选择归档文件或文件夹。',
  },
} as const satisfies Texts<typeof enErrors>

export const imagesUiCliHints = {
  IMAGE_PICK_UNKNOWN: '请在命令行中给出该文件。',
} as const satisfies Texts<typeof enCliHints>

export const imagesUiGuiHints = {
  IMAGE_PICK_UNKNOWN: '请用对应的按钮重新选择归档文件（或目标文件夹）。',
} as const satisfies Texts<typeof enGuiHints>

export const imagesUiCli = {
  help: {
    images: '跨越物理隔离传递镜像：查看归档内容、推送到镜像仓库、从仓库拉取到一个归档',
    inspect: '查看归档内容（docker save 的 tar、OCI 归档或 OCI 布局文件夹）：镜像、标签、平台、大小',
    import: '把归档中的镜像推送到镜像仓库（仓库已有的数据块会跳过）',
    export: '把镜像从镜像仓库拉取到一个归档（附带 .sha256 校验文件）',
    file: 'docker save 的 tar、OCI 归档或 OCI 镜像布局文件夹',
    files: '要导入的归档（docker save 的 tar、OCI 归档、OCI 布局文件夹）',
    refs: '要导出的镜像，写法与列表文件相同（`app/web:2.1`、`docker.io/library/nginx:1.25`）',
    json: '以 JSON 输出结果（不显示进度）',
    registry: '镜像仓库，写作 HOST:PORT',
    ca: '镜像仓库证书必须链接到的 CA 证书（ca.crt）（不信任其他任何 CA）',
    prefix: '仓库放在此前缀之下（`mirror` 会把 library/nginx 放到 mirror/library/nginx）',
    exportPrefix: '镜像导入时使用的前缀：从该前缀下读取，命名时去掉它',
    user: '镜像仓库用户（与 --password-file 一起使用）',
    passwordFile: '首行为该用户密码的文件（绝不直接写密码）',
    list: '每行一个镜像引用的文件（可用 `#` 注释），如 k3s-images.txt',
    out: '要写入的归档文件（FILE.tar）',
    drive: '可移动驱动器（见 `drives`）：归档以 {{file}} 写到其顶层文件夹',
    format: 'oci（默认）或 docker（用于 `docker load`：每个镜像一个平台）',
    platform: '与 --format docker 一起使用时保留的平台：os/arch[/variant]（默认 linux/amd64）',
    force: '替换同名的归档',
  },
  inspect: {
    summary: '{{path}}：{{kind}}，镜像数：{{images}}，{{size}}',
    image: '{{names}}  {{digest}}  {{size}}',
    platform: '    {{platform}}  {{digest}}  {{size}}',
    noName: '（无名称）',
  },
  import: {
    pushed: '已推送 {{reference}}  {{digest}}（平台数：{{platforms}}）',
    summary:
      '数据块：上传 {{uploaded}} 个（{{bytes}}），仓库中已有 {{present}} 个，挂载 {{mounted}} 个；用时 {{seconds}} 秒。',
    cancelled: '已取消。正在推送的镜像没有设置标签；已上传的数据块留在仓库中，下次会跳过。',
  },
  export: {
    image: '已导出 {{reference}}  {{digest}}（平台数：{{platforms}}）',
    written: '归档已写入：{{out}}（{{bytes}}）',
    checksum: '校验值：sha256 {{sha256}}（在 {{file}} 中，可用 `sha256sum -c` 检查）',
    cancelled: '已取消。没有向 {{out}} 写入任何内容。',
  },
  progress: {
    blob: '{{blob}} {{done}}/{{size}}',
    total: '总计 {{done}} / {{total}}（{{percent}}%），{{rate}}/秒',
  },
  allowed: {
    listOrRefs: '请以参数或 --list FILE 给出镜像引用，不要同时使用两者',
    outOrDrive: '请只给出 --out FILE.tar 或 --drive MOUNT（`drives` 列出的可移动驱动器）中的一个',
    format: 'oci 或 docker',
    platform: 'os/arch 或 os/arch/variant（linux/amd64、linux/arm64/v8）',
    userAndPassword: '请同时给出 --user 和 --password-file',
  },
} as const satisfies Texts<typeof enCli>

export const imagesUiGui = {
  title: '镜像',
  subtitle: '从文件（U 盘）把镜像导入镜像仓库，也可以再导出。',
  home: '导入或导出镜像',
  homeHelp: '把 U 盘中的镜像推送到镜像仓库，或把镜像拉取到归档。',
  target: '镜像仓库：{{target}}',
  source: {
    title: '导入归档',
    drop: 'docker save 的 tar、OCI 归档或 OCI 布局文件夹：请在这里选择。',
    pickFile: '选择归档…',
    pickFolder: '选择 OCI 布局文件夹…',
    reading: '正在读取 {{name}}…',
    remove: '移除 {{name}}',
    dropUnavailable: '此处不支持拖放文件：请用按钮选择。',
  },
  table: {
    label: '{{name}} 中的镜像',
    name: '镜像',
    digest: '摘要',
    platforms: '平台',
    size: '大小',
    noName: '（无名称）',
    summary: '{{kind}}：镜像数：{{images}}，{{size}}',
  },
  push: {
    prefix: '前缀（可选）',
    prefixHint: '仓库放在此前缀之下：mirror 会把 library/nginx 放到 mirror/library/nginx。',
    start: '推送到镜像仓库',
    running: '正在推送镜像',
    total: '总计：{{done}} / {{total}}，{{rate}}/秒',
    blobs: '数据块',
    blob: '数据块 {{digest}}',
    outcome: {
      present: '已存在',
      mounted: '已挂载',
      uploaded: '已上传',
      fetched: '已获取',
    },
    done: '已推送：{{images}}。上传数据块：{{uploaded}} 个（{{bytes}}），已存在：{{present}} 个。',
    cancelled: '已取消。正在推送的镜像没有设置标签；已上传的数据块下次会跳过。',
  },
  listing: {
    title: '镜像仓库中的内容',
    refresh: '刷新',
    loading: '正在读取目录…',
    empty: '镜像仓库中还没有任何仓库。',
    label: '镜像仓库中的仓库',
    repository: '仓库',
    tags: '标签',
    selectTag: '导出 {{reference}}',
  },
  exporter: {
    title: '导出到归档',
    refs: '要导出的镜像（每行一个）',
    refsHint: '在上面的列表中勾选标签，或粘贴一个列表，例如 k3s-images.txt。',
    format: '格式',
    formatOci: 'OCI 归档',
    formatDocker: 'docker-archive（用于 docker load）',
    platform: '平台（docker 格式）',
    destination: '目标位置',
    toFolder: '文件夹',
    toDrive: '可移动驱动器',
    pickFolder: '选择文件夹…',
    folder: '文件夹：{{name}}',
    noFolder: '尚未选择文件夹。',
    drive: '驱动器',
    noDrives: '没有挂载任何可移动驱动器。',
    fileName: '文件名',
    force: '替换同名的归档',
    start: '导出',
    running: '正在导出镜像',
    done: '已写入：{{out}}（{{bytes}}）',
    checksum: 'SHA-256：{{sha256}}',
    checksumFile: '校验文件：{{file}}',
    cancelled: '已取消。没有写入任何内容。',
  },
  allowed: {
    pickId: '本次会话中所选文件或文件夹的 id',
    fileName: '由字母、数字、. _ 或 - 组成并以 .tar 结尾的文件名',
    reference: '镜像引用，例如 app/web:2.1',
    destination: '只能有一个目标位置：所选文件夹或列出的驱动器',
    platform: 'os/arch 或 os/arch/variant（linux/amd64）',
  },
  login: {
    title: '镜像仓库登录（启用 htpasswd 时）',
    user: '用户',
    password: '密码',
    hint: '留空则使用本次会话中启动镜像仓库时给出的用户。',
  },
} as const satisfies Texts<typeof enGui>
