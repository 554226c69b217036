// The jiuye command line: builds the program, runs it, and decides the exit code in one place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE, ROOT } from './root.js';
import { Command, CommanderError, Help } from 'commander';
import { JiuyeError, UsageError } from './errors.js';
import { processIo, type Io } from './io.js';
import { onPath, outputWidth, pagerCommand, pagerEnv, screenLines, tallerThanScreen } from './render/terminal.js';
import { displayWidth, wrapParagraph, wrapText } from './render/text.js';
import type { CommandContext } from './commands/common.js';
import { launcher, setInstallation } from './format/command.js';

type Register = (program: Command, ctx: CommandContext) => void;

// Each command's module is loaded only when that command runs: `jiuye check` pays for check's imports
// alone (start-up time is measured), and never for exceljs. Help and unknown words load them all.
const COMMANDS: [string[], () => Promise<Register>][] = [
  [['init'], async () => (await import('./commands/init.js')).registerInit],
  [['template'], async () => (await import('./commands/template.js')).registerTemplate],
  [['import'], async () => (await import('./commands/import.js')).registerImport],
  [['history'], async () => (await import('./commands/history.js')).registerHistory],
  [['lock', 'unlock'], async () => (await import('./commands/lock.js')).registerLock],
  [['check'], async () => (await import('./commands/check.js')).registerCheck],
  [['overdue'], async () => (await import('./commands/overdue.js')).registerOverdue],
  [['warn'], async () => (await import('./commands/warn.js')).registerWarn],
  [['report'], async () => (await import('./commands/report.js')).registerReport],
  [['assess'], async () => (await import('./commands/assess.js')).registerAssess],
  [['duty'], async () => (await import('./commands/duty.js')).registerDuty],
  [['units'], async () => (await import('./commands/units.js')).registerUnits],
  [['targets'], async () => (await import('./commands/targets.js')).registerTargets],
  [['plan'], async () => (await import('./commands/plan.js')).registerPlan],
  [['calendar'], async () => (await import('./commands/calendar.js')).registerCalendar],
  [['backup', 'restore'], async () => (await import('./commands/backup.js')).registerBackup],
  [['demo'], async () => (await import('./commands/demo.js')).registerDemo],
];

const TITLES: Record<string, string> = {
  'Usage:': '用法:',
  'Options:': '选项:',
  'Commands:': '命令:',
  'Arguments:': '参数:',
  'Global Options:': '全局选项:',
};

/** Commander's English error lines, said in Chinese. */
export function translateCommanderError(message: string): string {
  const m = message.replace(/^error:\s*/, '').trim();
  const rules: [RegExp, (...g: string[]) => string][] = [
    [/^unknown option '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?$/s, (o, s) => `未知选项 ${o}${s ? `(是否想用 ${s}?)` : ''}`],
    [/^unknown command '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?$/s, (o, s) => `未知命令 ${o}${s ? `(是否想用 ${s}?)` : ''}`],
    [/^too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\.$/s, (c, e, g) => `${c ? `命令 ${c} ` : ''}参数过多:应有 ${e} 个,实际 ${g} 个`],
    [/^missing required argument '(.+?)'$/s, (a) => `缺少参数 ${a}`],
    [/^option '(.+?)' argument missing$/s, (o) => `选项 ${o} 缺少取值`],
    [/^required option '(.+?)' not specified$/s, (o) => `缺少必需的选项 ${o}`],
    [/^option '(.+?)' argument '(.+?)' is invalid\.(.*)$/s, (o, v, rest) => `选项 ${o} 的取值 ${v} 无效${rest.replace(/Allowed choices are/, '可用取值:')}`],
    [/^option '(.+?)' cannot be used with option '(.+?)'$/s, (a, b) => `选项 ${a} 不能与 ${b} 同时使用`],
  ];
  for (const [re, say] of rules) {
    const g = re.exec(m);
    if (g) return say(...g.slice(1).map((x) => x ?? ''));
  }
  return m;
}

function usageLine(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  names[0] = launcher();
  return `用法:${names.join(' ')} ${chineseUsage(cmd.usage())}\n(运行 ${names.join(' ')} --help 查看说明)`;
}

function chineseUsage(usage: string): string {
  return usage.replace('[options]', '[选项]').replace('[command]', '[命令]');
}

/** The program with its commands (every one, or only the one named), help in Chinese, errors routed through run(). */
export async function buildProgram(ctx: CommandContext, only?: string): Promise<Command> {
  const { io } = ctx;
  const program = new Command('jiuye');
  const version = BUNDLE?.version ?? (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const width = outputWidth(io);
  program
    .description('就业工作目标责任督促落实:季度报表的生成与导入、进度检查、逾期催报、季度汇总表、责任分工')
    .version(version, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    // Also accepted before the command (jiuye --db x check), as git takes its global options.
    .option('--db <路径>', '数据库文件(默认 ./jiuye.db,或环境变量 JIUYE_DB);写在命令前后均可')
    .option('--no-pager', '不用分页器')
    .configureHelp({
      helpWidth: width,
      styleTitle: (s) => TITLES[s] ?? s,
      displayWidth: (s) => displayWidth(s),
      // Commander wraps at spaces only, so Chinese descriptions ran on to column 0; wrap as the tables do.
      boxWrap: (s, w) => (w < 20 ? s : wrapText(s, w, 'text')),
      commandUsage: (cmd) => {
        const names: string[] = [];
        for (let c: Command | null = cmd.parent; c; c = c.parent) names.unshift(c.name());
        return [...names, cmd.name(), chineseUsage(cmd.usage())].join(' ');
      },
      subcommandTerm: (cmd) => new Help().subcommandTerm(cmd).replace('[options]', '[选项]'),
    })
    .configureOutput({
      // Through ctx.io, which run() swaps while help is held for the pager.
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`错误:${translateCommanderError(s)}\n`),
    })
    .showSuggestionAfterError(true)
    // Options belong to the command whose name they follow: `targets allocate --db x` is allocate's --db.
    .enablePositionalOptions()
    .exitOverride()
    .action(async (_opts, self: Command) => {
      if (self.args.length > 0) {
        const word = self.args[0];
        const near = self.commands.map((c) => c.name()).filter((n) => editDistance(n, word) <= 2);
        throw new UsageError(`未知命令 ${word}${near.length > 0 ? `(是否想用 ${near.join('、')}?)` : ''}`);
      }
      const { runOverview } = await import('./commands/overview.js');
      ctx.exit(runOverview(ctx.io, program.helpInformation(), { db: program.opts<{ db?: string }>().db }));
    });
  program.addHelpText('after', () => dailyExamples(width));

  const wanted = COMMANDS.filter(([names]) => only === undefined || names.includes(only));
  for (const register of await Promise.all(wanted.map(([, load]) => load()))) register(program, ctx);
  // Only the program itself takes stray words, to name an unknown command (subcommands stay strict).
  program.allowExcessArguments(true);
  return program;
}

/** Runs one command line and returns its exit code; never exits the process itself. */
export async function run(argv: string[], io: Io): Promise<number> {
  let code = 0;
  const ctx: CommandContext = { io, exit: (c) => (code = c) };
  const word = commandWord(argv);
  const known = word !== undefined && COMMANDS.some(([names]) => names.includes(word));
  const program = await buildProgram(ctx, known ? word : undefined);
  let active: Command = program;
  let paged: { command: string; text: string } | null = null;
  const pager = (json: boolean, noPager: boolean) =>
    pagerCommand({ stdoutTty: io.stdoutTty, json, noPager, env: io.env, platform: io.platform ?? process.platform, installed: (name) => onPath(name, io.env) });
  const hold = (command: string | null) => {
    if (command === null || !io.page) return;
    const held = { command, text: '' };
    paged = held;
    ctx.io = { ...io, stdout: { write: (t: string) => (held.text += t) } };
  };
  // Help runs longer than a screen (66 lines for the program's): it is paged like other long output.
  if (argv.some((a) => a === '--help' || a === '-h') || argv[0] === 'help') hold(pager(false, argv.includes('--no-pager')));
  program.hook('preAction', (_self, actionCommand) => {
    active = actionCommand;
    takeGlobalOptions(program, actionCommand);
    const opts = actionCommand.opts<{ json?: boolean; pager?: boolean }>();
    // Only commands that offer --no-pager are paged: their output is held until they finish.
    if (actionCommand.options.some((o) => o.long === '--no-pager')) {
      hold(pager(Boolean(opts.json), opts.pager === false || program.opts<{ pager?: boolean }>().pager === false));
    }
  });
  const show = async () => {
    const held = paged;
    if (!held) return;
    paged = null;
    ctx.io = io;
    const tall = tallerThanScreen(screenLines(held.text, outputWidth(io), displayWidth), io.rows);
    if (!tall || !(await io.page!(held.command, held.text, pagerEnv(io.env)))) io.stdout.write(held.text);
  };
  try {
    // `jiuye help nosuch` would print the general help and succeed: say the command is unknown.
    if (argv[0] === 'help' && argv[1] !== undefined && !program.commands.some((c) => c.name() === argv[1])) {
      throw new UsageError(`未知命令 ${argv[1]}`);
    }
    await program.parseAsync(argv, { from: 'user' });
    await show();
    return code;
  } catch (e) {
    await show();
    if (e instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(e.code)) return 0;
      // Commander has printed the error; add the usage line of the command it was parsing.
      io.stderr.write(`${usageLineFor(program, argv)}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`错误:${e.message}\n${usageLine(active)}\n`);
      return e.exitCode;
    }
    if (e instanceof JiuyeError) {
      io.stderr.write(`错误:${e.message}\n`);
      return e.exitCode;
    }
    if (isPromptCancel(e)) {
      io.stderr.write('已取消,未做改动\n');
      return 130;
    }
    // The database itself in trouble mid-command (locked, read-only, damaged, disk full): said in a line.
    const code = (e as { code?: unknown })?.code;
    if (typeof code === 'string' && /^(SQLITE_|ENOSPC$|EROFS$|EACCES$|EPERM$)/.test(code)) {
      const trouble = (await import('./app/trouble.js')).databaseTrouble(e);
      if (trouble) {
        io.stderr.write(`错误:${trouble.message}\n`);
        return trouble.exitCode;
      }
    }
    throw e;
  }
}

/** The command word of a command line: the first word that is neither an option nor the value of --db. */
export function commandWord(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db') i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

// `jiuye --db x check` means check's --db: hand the program's value to the command that runs.
function takeGlobalOptions(program: Command, command: Command): void {
  const db = program.opts<{ db?: string }>().db;
  if (db === undefined || command === program) return;
  const names: string[] = [];
  for (let c: Command | null = command; c && c !== program; c = c.parent) names.unshift(c.name());
  if (!command.options.some((o) => o.long === '--db')) throw new UsageError(`jiuye ${names.join(' ')} 不读写数据库,不接受 --db`);
  const own = command.getOptionValue('db') as string | undefined;
  if (own !== undefined && own !== db) throw new UsageError(`--db 给了两次且不相同:${db} 和 ${own}。只写一次`);
  command.setOptionValue('db', db);
}

/** The examples under the top-level help: the clerk's daily commands, wrapped to the width. */
function dailyExamples(width: number): string {
  const examples: [string, string][] = [
    [launcher(), '本季度概况:收到多少报表,哪些指标滞后,接下来做什么'],
    [`${launcher()} check --brief`, '只看需要关注的事项'],
    [`${launcher()} check`, '进度检查全文(长的输出用分页器显示,按 q 退出)'],
    [`${launcher()} overdue --notice`, '报送情况,并写出催报通知'],
    [`${launcher()} import 文件夹`, '导入收回的报表(文件夹换成存放报表的文件夹;先加 --dry-run 看一看)'],
    [`${launcher()} template --quarter 2021Q3 --all`, '生成各单位的季度报表'],
    [`${launcher()} targets allocate`, '把年度目标分解到镇街(逐项提问,保存前核对合计)'],
    [`${launcher()} report --quarter 2021Q3`, '给领导小组的季度汇总表'],
  ];
  const term = Math.max(...examples.map(([cmd]) => displayWidth(cmd)));
  const lines = ['', '常用命令:'];
  for (const [cmd, what] of examples) {
    const pad = `  ${cmd}${' '.repeat(term - displayWidth(cmd))}  `;
    // On a narrow screen the description goes under its command.
    if (width - displayWidth(pad) >= 20) lines.push(...wrapParagraph(what, width, pad, ' '.repeat(displayWidth(pad))));
    else lines.push(`  ${cmd}`, ...wrapParagraph(what, width, '      '));
  }
  lines.push('', ...wrapParagraph(`先运行 ${launcher()} init 建立数据库;${launcher()} demo 用示例数据走一遍全流程。每个命令的说明:${launcher()} 命令 --help`, width), '');
  return lines.join('\n');
}

function usageLineFor(program: Command, argv: string[]): string {
  let cmd = program;
  for (const word of argv) {
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) break;
    cmd = sub;
  }
  return usageLine(cmd);
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

function isPromptCancel(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError');
}

/** The entry point of bin/jiuye.js. */
export async function main(argv: string[]): Promise<void> {
  const io = processIo();
  setInstallation({ bundle: BUNDLE !== null, root: ROOT, platform: process.platform, path: process.env.PATH, cwd: io.cwd });
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0); // output piped into head: not an error
    throw e;
  });
  try {
    process.exitCode = await run(argv, io);
  } catch (e) {
    io.stderr.write(`jiuye 内部错误(这是程序的缺陷,请把以下信息报告给维护者):\n${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  }
}
