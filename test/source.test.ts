// The plan data against the source document itself: every 责任单位 list, with the right lead.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { matchUnit } from '../src/domain/match.js';
import { SOURCE_DOCUMENT } from './helpers.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const text = readFileSync(SOURCE_DOCUMENT, 'utf8');

interface SourceList {
  task: string;
  names: string[];
}

/** Every (责任单位:…) of the document with the number of the measure it closes. */
function responsibilityLists(): SourceList[] {
  const lists: SourceList[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const heading = /^([一二三四五六七八九十]+)、/.exec(line);
    if (heading) section = heading[1];
    const item = /^\(([一二三四五六七八九十]+)\)/.exec(line);
    const m = /\(责任单位:([^)]*)\)/.exec(line);
    if (!m) continue;
    const names = m[1].split('。')[0].split('、').map((s) => s.trim()).filter(Boolean);
    lists.push({ task: item ? `${section}(${item[1]})` : section, names });
  }
  return lists;
}

describe('plan data against the source document', () => {
  const lists = responsibilityLists();
  const areas = plan.units.filter((u) => u.kind === 'area').map((u) => u.code);

  it('finds the eleven 责任单位 lists of sections 二 to 五', () => {
    expect(lists.map((l) => l.task)).toEqual(['二(一)', '二(二)', '二(三)', '二(四)', '三(一)', '三(二)', '三(三)', '四', '五(一)', '五(二)', '五(三)']);
  });

  for (const list of responsibilityLists()) {
    it(`represents the list of ${list.task} with its lead first`, () => {
      const codes: string[] = [];
      for (let i = 0; i < list.names.length; i++) {
        const name = list.names[i];
        // "各乡镇、街道" is split by the 、 in it; together they mean every area.
        if (name === '各乡镇' && list.names[i + 1] === '街道') {
          codes.push(...areas);
          i++;
          continue;
        }
        const m = matchUnit(plan, name);
        expect(m.kind, `“${name}” in ${list.task}`).toBe('found');
        if (m.kind === 'found') codes.push(m.item.code);
      }
      const unique = [...new Set(codes)];
      const task = plan.tasks.find((t) => t.id === list.task);
      expect(task, `task ${list.task}`).toBeDefined();
      expect(task!.lead).toBe(unique[0]);
      expect(task!.coUnits).toEqual(unique.slice(1));
    });
  }

  it('has the three measures of section 六, binding every member unit', () => {
    for (const id of ['六(一)', '六(二)', '六(三)']) {
      const task = plan.tasks.find((t) => t.id === id)!;
      const title = /^\(([一二三])\)([^。]+)。/m.exec(text.split('六、加强组织实施')[1].split('\n').find((l) => l.startsWith(`(${id.slice(2, 3)})`)) ?? '');
      expect(title?.[2]).toBe(task.title);
      expect(new Set([task.lead, ...task.coUnits])).toEqual(new Set(plan.units.map((u) => u.code)));
    }
  });

  it('carries the document titles of every numbered measure', () => {
    for (const task of plan.tasks.filter((t) => !t.id.includes('-') && t.section !== '四')) {
      expect(text, task.id).toContain(`(${task.id.slice(2, 3)})${task.title}`);
    }
    expect(text).toContain(`四、${plan.tasks.find((t) => t.id === '四')!.title}`);
  });

  it('takes the annual targets from the document', () => {
    const figure = (re: RegExp) => Number(re.exec(text)?.[1]);
    const target = (code: string) => plan.indicators.find((i) => i.code === code)!.target!.value;
    expect(target('xinzeng')).toBe(figure(/城镇新增就业(\d+)人/));
    expect(target('zaijiuye')).toBe(figure(/城镇登记失业人员再就业(\d+)人/));
    expect(target('kunnan')).toBe(figure(/城镇就业困难对象再就业(\d+)人/));
    expect(target('shiyelv')).toBe(figure(/城镇登记失业率控制在([\d.]+)%以内/));
    expect(text).toContain('高校毕业生就业率不低于上年');
    expect(text).toContain('离校未就业高校毕业生就业率不低于全市平均水平');
    expect(text).toContain('零就业家庭动态清零');
    expect(plan.warnings.massLayoff.noticeDays).toBe(figure(/提前(\d+)日向工会或全体职工说明/));
  });
});
