// What every command needs: its common options, paths the user typed, help laid out.
import { isAbsolute, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import { displayWidth, wrapParagraph } from '../render/text.js';

/** What a command's action is handed. */
export interface CommandContext {
  /** The streams; cli.ts holds stdout back while a paged command runs. */
  io: Io;
  /** Records the exit code the command decided on. */
  exit(code: number): void;
}

/** --db PATH, shared by every command that reads or writes the database. */
export function dbOption(): Option {
  return new Option('--db <路径>', '数据库文件(默认为当前文件夹或上级文件夹中的 jiuye.db,或环境变量 JIUYE_DB)');
}

/** --json, on every command that reads. */
export function jsonOption(): Option {
  return new Option('--json', '以 JSON 输出(供脚本使用,字段名为英文)');
}

/**
 * --no-pager, on every command whose output can run longer than a screen. Having it is what marks a
 * command as paged (cli.ts decides, as git and gh do): a terminal, no --json, output taller than the screen.
 */
export function pagerOption(): Option {
  return new Option('--no-pager', '不用分页器(默认在终端上输出超过一屏时用 less 分页)');
}

/** --year Y: which year's plan (default: the latest in the database). */
export function yearOption(): Option {
  return new Option('--year <年份>', '方案年度(默认为数据库中最新的年度)');
}

/** Commander spots a variadic option only after a Latin letter; ours have Chinese placeholders (--set <单位:指标=数值...>). */
export function variadic(option: Option): Option {
  option.variadic = true;
  return option;
}

/** A path the user gave, taken relative to the working directory. */
export function userPath(io: Io, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

/** Builds a command with the house defaults (Chinese help, commands grouped in the order added). */
export function describe(cmd: Command, summary: string, example?: string): Command {
  cmd.description(summary);
  // Laid out when help is shown, at the width the program's help was configured with.
  if (example) cmd.addHelpText('after', (context) => `\n示例:\n${exampleLines(example, context.command.configureHelp().helpWidth ?? 80)}\n`);
  return cmd;
}

/**
 * Example lines `  jiuye check --brief   # 说明` with the comments in one column by display width,
 * wrapped within it; on a screen too narrow for that, each comment goes under its command.
 */
export function exampleLines(example: string, width: number): string {
  const items = example.split('\n').map((line) => {
    const at = line.indexOf('#');
    return at < 0 ? { command: line.trimEnd(), note: '' } : { command: line.slice(0, at).trimEnd(), note: line.slice(at + 1).trim() };
  });
  const column = Math.max(0, ...items.filter((i) => i.note).map((i) => displayWidth(i.command))) + 2;
  const out: string[] = [];
  for (const { command, note } of items) {
    if (!note) out.push(command);
    else if (width - column >= 20) {
      const pad = `${command}${' '.repeat(column - displayWidth(command))}# `;
      out.push(...wrapParagraph(note, width, pad, ' '.repeat(column + 2)));
    } else out.push(command, ...wrapParagraph(note, width, '      # ', '        '));
  }
  return out.join('\n');
}
