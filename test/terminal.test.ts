// What the terminal allows: width, colour and the pager, decided from the environment alone.
import { describe, expect, it } from 'vitest';
import { colorLevel, onPath, outputWidth, pagerCommand, pagerEnv, screenLines, tallerThanScreen, type PagerSituation } from '../src/render/terminal.js';
import { displayWidth } from '../src/render/text.js';

describe('outputWidth', () => {
  it('COLUMNS when set, else the terminal width on a terminal, else 120 in a pipe', () => {
    expect(outputWidth({ env: {}, stdoutTty: true, columns: 93 })).toBe(93);
    expect(outputWidth({ env: { COLUMNS: '80' }, stdoutTty: true, columns: 93 })).toBe(80);
    expect(outputWidth({ env: { COLUMNS: '80' }, stdoutTty: false })).toBe(80);
    expect(outputWidth({ env: {}, stdoutTty: false, columns: 93 })).toBe(120);
    expect(outputWidth({ env: { COLUMNS: 'wide' }, stdoutTty: false })).toBe(120);
    expect(outputWidth({ env: { COLUMNS: '0' }, stdoutTty: true, columns: 70 })).toBe(70);
  });
});

describe('colorLevel', () => {
  it('colours a terminal, not a pipe', () => {
    expect(colorLevel({}, true)).toBe(1);
    expect(colorLevel({}, false)).toBe(0);
  });

  it('NO_COLOR (non-empty) and TERM=dumb turn it off', () => {
    expect(colorLevel({ NO_COLOR: '1' }, true)).toBe(0);
    expect(colorLevel({ NO_COLOR: '' }, true)).toBe(1); // no-color.org: only a non-empty value counts
    expect(colorLevel({ TERM: 'dumb' }, true)).toBe(0);
  });

  it('FORCE_COLOR=0 turns it off on a terminal; 1–3 turn it on in a pipe; it overrides NO_COLOR as in Node', () => {
    expect(colorLevel({ FORCE_COLOR: '0' }, true)).toBe(0);
    expect(colorLevel({ FORCE_COLOR: 'false' }, true)).toBe(0);
    expect(colorLevel({ FORCE_COLOR: '1' }, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: '2' }, false)).toBe(2);
    expect(colorLevel({ FORCE_COLOR: '3' }, false)).toBe(3);
    expect(colorLevel({ FORCE_COLOR: '' }, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: '0', NO_COLOR: '1' }, true)).toBe(0);
  });
});

describe('pagerCommand', () => {
  const base: PagerSituation = { stdoutTty: true, json: false, noPager: false, env: {}, platform: 'linux', installed: (p) => p === 'less' };

  it('less -FRX on a terminal where less is installed', () => {
    expect(pagerCommand(base)).toBe('less -FRX');
    expect(pagerCommand({ ...base, installed: () => false })).toBeNull();
  });

  it('never in a pipe, with --json or with --no-pager, whatever the environment says', () => {
    const env = { JIUYE_PAGER: 'most', PAGER: 'more' };
    expect(pagerCommand({ ...base, env, stdoutTty: false })).toBeNull();
    expect(pagerCommand({ ...base, env, json: true })).toBeNull();
    expect(pagerCommand({ ...base, env, noPager: true })).toBeNull();
  });

  it('$JIUYE_PAGER before $PAGER; empty or cat means no pager', () => {
    expect(pagerCommand({ ...base, env: { JIUYE_PAGER: 'most -s', PAGER: 'more' } })).toBe('most -s');
    expect(pagerCommand({ ...base, env: { PAGER: 'more' } })).toBe('more');
    expect(pagerCommand({ ...base, env: { JIUYE_PAGER: '', PAGER: 'more' } })).toBeNull();
    expect(pagerCommand({ ...base, env: { PAGER: 'cat' } })).toBeNull();
  });

  it('on Windows only a pager the user named', () => {
    expect(pagerCommand({ ...base, platform: 'win32' })).toBeNull();
    expect(pagerCommand({ ...base, platform: 'win32', env: { PAGER: 'less' } })).toBe('less');
  });

  it('runs with LESS=FRX unless the user set LESS', () => {
    expect(pagerEnv({ PATH: '/bin' })).toMatchObject({ PATH: '/bin', LESS: 'FRX', LV: '-c' });
    expect(pagerEnv({ LESS: 'S' }).LESS).toBe('S');
  });
});

describe('when output is paged', () => {
  it('counts the screen lines a text takes, a long line as several', () => {
    expect(screenLines('a\nb\n', 80, displayWidth)).toBe(2);
    expect(screenLines(`${'x'.repeat(170)}\n`, 80, displayWidth)).toBe(3);
    expect(screenLines('中'.repeat(41), 80, displayWidth)).toBe(2);
    expect(screenLines('\n\n', 80, displayWidth)).toBe(2);
  });

  it('pages when output and the prompt after it do not fit on the screen', () => {
    expect(tallerThanScreen(39, 40)).toBe(false);
    expect(tallerThanScreen(40, 40)).toBe(true);
    expect(tallerThanScreen(400, undefined)).toBe(false);
  });

  it('finds a program on PATH', () => {
    expect(onPath('sh', { PATH: `/nonexistent:/bin:/usr/bin` })).toBe(true);
    expect(onPath('no-such-pager-here', { PATH: '/bin:/usr/bin' })).toBe(false);
    expect(onPath('sh', {})).toBe(false);
  });
});
