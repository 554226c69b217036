// The jiuye command line: builds the program, runs it, and decides the exit code in one place.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { JiuyeError, UsageError } from './errors.js';
import { processIo, type Io } from './io.js';
import { displayWidth } from './render/text.js';
import type { CommandContext } from './commands/common.js';

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
  [['duty'], async () => (await import('./commands/duty.js')).registerDuty],
  [['units'], async () => (await import('./commands/units.js')).registerUnits],
  [['targets'], async () => (await import('./commands/targets.js')).registerTargets],
  [['calendar'], async () => (await import('./commands/calendar.js')).registerCalendar],
  [['backup'], async () => (await import('./commands/backup.js')).registerBackup],
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
  return `用法:${names.join(' ')} ${chineseUsage(cmd.usage())}\n(运行 ${names.join(' ')} --help 查看说明)`;
}

function chineseUsage(usage: string): string {
  return usage.replace('[options]', '[选项]').replace('[command]', '[命令]');
}

/** The program with its commands (every one, or only the one named), help in Chinese, errors routed through run(). */
export async function buildProgram(ctx: CommandContext, only?: string): Promise<Command> {
  const { io } = ctx;
  const program = new Command('jiuye');
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  program
    .description('就业工作目标责任督促落实:季度报表的生成与导入、进度检查、逾期催报、季度汇总表、责任分工')
    .version(version, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .configureHelp({
      styleTitle: (s) => TITLES[s] ?? s,
      displayWidth: (s) => displayWidth(s),
      commandUsage: (cmd) => {
        const names: string[] = [];
        for (let c: Command | null = cmd.parent; c; c = c.parent) names.unshift(c.name());
        return [...names, cmd.name(), chineseUsage(cmd.usage())].join(' ');
      },
      subcommandTerm: (cmd) => new Help().subcommandTerm(cmd).replace('[options]', '[选项]'),
    })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
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
      ctx.exit(runOverview(io, program.helpInformation()));
    });
  program.addHelpText('after', '\n先运行 jiuye init 建立数据库;jiuye demo 用示例数据走一遍全流程。\n');

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
  const word = argv.find((a) => !a.startsWith('-'));
  const known = word !== undefined && COMMANDS.some(([names]) => names.includes(word));
  const program = await buildProgram(ctx, known ? word : undefined);
  let active: Command = program;
  program.hook('preAction', (_self, actionCommand) => {
    active = actionCommand;
  });
  try {
    // `jiuye help nosuch` would print the general help and succeed: say the command is unknown.
    if (argv[0] === 'help' && argv[1] !== undefined && !program.commands.some((c) => c.name() === argv[1])) {
      throw new UsageError(`未知命令 ${argv[1]}`);
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
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
    throw e;
  }
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
