import type { fsErrors as enErrors, fsTexts as enTexts } from '../en/fs'
import type { Texts } from '../types'

const where = '{{field}}：无法{{action}} {{path}}：'

export const fsErrors = {
  PATH_NOT_A_FOLDER: {
    message: `${where}路径中的某一部分是文件而不是文件夹{{at}} [{{errno}}]`,
    hint: '请选择一个所有上级都是文件夹的路径。{{undone}}',
  },
  PATH_IS_A_FILE: {
    message: `${where}它已存在，而且是文件而不是文件夹{{at}} [{{errno}}]`,
    hint: '请给出一个文件夹（不存在时会新建），或者把该文件移走。{{undone}}',
  },
  PATH_IS_A_FOLDER: {
    message: `${where}它是文件夹，但这里需要的是文件{{at}} [{{errno}}]`,
    hint: '请检查路径：这里需要的是文件。{{undone}}',
  },
  PATH_TOO_LONG: {
    message: `${where}路径太长（每个名称最多 255 字节，总共最多 4095 字节）{{at}} [{{errno}}]`,
    hint: '请使用更短的文件夹名或仓库名。{{undone}}',
  },
  PATH_PERMISSION_DENIED: {
    message: `${where}权限不足：此用户不能在那里写入{{at}} [{{errno}}]`,
    hint: '请选择此用户可写的文件夹，或以有权写入的用户（例如 root）运行。{{undone}}',
  },
  PATH_NOT_PERMITTED: {
    message: `${where}那里不允许此操作（文件夹不可变或受保护？）{{at}} [{{errno}}]`,
    hint: '请选择其他文件夹（用 `lsattr` 检查 immutable 标志）。{{undone}}',
  },
  PATH_READ_ONLY: {
    message: `${where}文件系统是只读的{{at}} [{{errno}}]`,
    hint: '请选择可写文件系统上的文件夹。{{undone}}',
  },
  PATH_NO_SPACE: {
    message: `${where}磁盘已满{{at}} [{{errno}}]`,
    hint: '请释放一些空间，或选择其他磁盘。{{undone}}',
  },
  PATH_QUOTA: {
    message: `${where}超出了磁盘配额{{at}} [{{errno}}]`,
    hint: '请释放一些空间，或选择其他磁盘。{{undone}}',
  },
  PATH_NOT_FOUND: {
    message: `${where}没有这个文件夹，或该位置不能存放文件{{at}} [{{errno}}]`,
    hint: '请给出普通文件系统上已存在的文件夹（不要用 /proc、/sys 或 /dev）。{{undone}}',
  },
  PATH_SYMLINK_LOOP: {
    message: `${where}路径中的符号链接形成了循环{{at}} [{{errno}}]`,
    hint: '请选择没有符号链接循环的路径。{{undone}}',
  },
  PATH_FAILED: {
    message: `${where}{{detail}}{{at}} [{{errno}}]`,
    hint: '请检查路径及其权限。{{undone}}',
  },
} as const satisfies Texts<typeof enErrors>

export const fsTexts = {
  action: {
    use: '使用',
    write: '写入',
    remove: '删除',
    replace: '替换',
    createFolder: '创建文件夹',
    createTempIn: '在其中创建临时文件夹',
    runFor: '为其运行命令',
  },
  at: '（位于 {{dir}}）',
  undone: {
    nothing: '没有做任何更改。',
    putBack: '没有做任何更改（之前写入的文件已恢复原状）。',
    putBackRan: '之前写入的文件已恢复原状；已经运行过的命令：{{commands}}。',
    partial: '之前的部分更改未能恢复：请运行卸载，或检查试运行列出的路径。',
  },
} as const satisfies Texts<typeof enTexts>
